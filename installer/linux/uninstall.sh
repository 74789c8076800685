#!/bin/sh
# 卸载为当前用户安装的决算公开助手（install.sh 安装的那一份）。
#   ~/.local/opt/juesuan/uninstall.sh           删除程序、菜单项和缓存，保留数据库和备份
#   ~/.local/opt/juesuan/uninstall.sh --purge   连同数据库、备份和日志（~/.local/share/juesuan）一起删除
set -eu
data=${XDG_DATA_HOME:-$HOME/.local/share}
cache=${XDG_CACHE_HOME:-$HOME/.cache}
dest=$HOME/.local/opt/juesuan
bin=$HOME/.local/bin
purge=no
for arg in "$@"; do
  case $arg in
    --purge) purge=yes ;;
    -h | --help) sed -n '2,4p' "$0" | cut -c3-; exit 0 ;;
    *) echo "不认识的参数：$arg（可用：--purge）" >&2; exit 2 ;;
  esac
done

if [ -L "$bin/juesuan" ] && [ "$(readlink "$bin/juesuan")" = "$dest/juesuan" ]; then
  rm -f "$bin/juesuan"
fi
rm -f "$data/applications/juesuan.desktop" "$data/mime/packages/juesuan.xml"
desk=$(xdg-user-dir DESKTOP 2>/dev/null || true)
for d in "$desk" "$HOME/Desktop"; do
  if [ -n "$d" ] && [ -f "$d/juesuan.desktop" ]; then rm -f "$d/juesuan.desktop"; fi
done
if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data/mime" ]; then
  update-mime-database "$data/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data/applications" ]; then
  update-desktop-database "$data/applications" >/dev/null 2>&1 || true
fi
rm -rf "$cache/juesuan"
if [ "$purge" = yes ]; then
  rm -rf "$data/juesuan" "${XDG_CONFIG_HOME:-$HOME/.config}/juesuan"
  echo "已删除数据库、备份、日志和窗口设置（$data/juesuan）。"
elif [ -d "$data/juesuan" ]; then
  echo "保留了您的数据库和备份：$data/juesuan（要一并删除，请加 --purge）。"
fi
rm -rf "$dest"
echo "决算公开助手已卸载。"

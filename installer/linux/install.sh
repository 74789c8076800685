#!/bin/sh
# 决算公开助手：为当前用户安装，不需要管理员权限。在解压后的文件夹中运行：
#   ./install.sh              安装到 ~/.local/opt/juesuan，在“开始”菜单（办公）中添加“决算公开助手”
#   ./install.sh --desktop    同时在桌面放一个快捷方式
# 再次运行即升级（先卸载旧版本的程序文件）；您的数据库和备份（~/.local/share/juesuan）不受影响。
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=$HOME/.local/opt/juesuan
bin=$HOME/.local/bin
desktop_icon=no
for arg in "$@"; do
  case $arg in
    --desktop) desktop_icon=yes ;;
    -h | --help) sed -n '2,5p' "$0" | cut -c3-; exit 0 ;;
    *) echo "不认识的参数：$arg（可用：--desktop）" >&2; exit 2 ;;
  esac
done
if [ ! -x "$here/juesuan" ] || [ ! -d "$here/_internal" ]; then
  echo "找不到程序文件 $here/juesuan。请在解压后的文件夹中运行本脚本。" >&2
  exit 1
fi

if [ "$here" != "$dest" ]; then
  mkdir -p "$(dirname "$dest")"
  rm -rf "$dest.new"
  cp -a "$here" "$dest.new"
  rm -rf "$dest"
  mv "$dest.new" "$dest"
fi

mkdir -p "$bin" "$data/applications" "$data/mime/packages"
ln -sfn "$dest/juesuan" "$bin/juesuan"
sed -e "s|@EXEC@|\"$dest/juesuan\"|" -e "s|@ICON@|$dest/juesuan.png|" \
  "$dest/juesuan.desktop" >"$data/applications/juesuan.desktop"
chmod 755 "$data/applications/juesuan.desktop"
cp "$dest/juesuan.xml" "$data/mime/packages/juesuan.xml"
if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database "$data/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database "$data/applications" >/dev/null 2>&1 || true
fi

if [ "$desktop_icon" = yes ]; then
  desk=$(xdg-user-dir DESKTOP 2>/dev/null || true)
  [ -n "$desk" ] && [ -d "$desk" ] || desk=$HOME/Desktop
  mkdir -p "$desk"
  cp "$data/applications/juesuan.desktop" "$desk/juesuan.desktop"
  chmod 755 "$desk/juesuan.desktop"
  gio set "$desk/juesuan.desktop" metadata::trusted true >/dev/null 2>&1 || true
fi

echo "已安装到 $dest"
echo "在“开始”菜单（办公）中打开“决算公开助手”，或在终端运行 juesuan。"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "提示：$bin 不在 PATH 中，命令行请用 $bin/juesuan。" ;;
esac

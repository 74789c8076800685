# Shared install step of scripts/run and scripts/test (sourced, not run; bash).
#
#   juesuan_install VENV [EXTRA]      EXTRA: "" (the app) or "test" (the app and the test tools)
#   juesuan_install_noqt VENV         the app and pytest, without PySide6 (scripts/test --no-qt)
#
# Checks the Python version before anything is created, creates VENV once, and installs again
# only when pyproject.toml changed since the last install (VENV/.juesuan-installed keeps its
# SHA-256 and the extras installed). A venv that this run created and could not finish is
# removed again, so the next run starts clean instead of reusing a broken one.

JUESUAN_MIN_PYTHON="3.11"

# Prints a Chinese sentence (its parts joined without spaces) on stderr and stops the script.
juesuan_fail() {
  local IFS=
  echo "错误：$*" >&2
  exit 1
}

# The Python to build the venv with: $PYTHON, else python3; stops with a Chinese message
# when there is none or it is older than 3.11 or it lacks the venv module.
juesuan_python() {
  local py="${PYTHON:-python3}"
  if ! command -v "$py" >/dev/null 2>&1; then
    juesuan_fail "找不到 Python（“$py”）。请先安装 Python ${JUESUAN_MIN_PYTHON} 或更高版本" \
      "（Debian/统信/麒麟：sudo apt install python3 python3-venv），" \
      "或用 PYTHON=/路径/python3.11 scripts/run 指定要用的 Python。"
  fi
  local version
  version="$("$py" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)" ||
    juesuan_fail "“$py”无法运行。请检查 Python 安装，或用 PYTHON=/路径/python3.11 指定。"
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    juesuan_fail "需要 Python ${JUESUAN_MIN_PYTHON} 或更高版本，而“$py”是 ${version}。" \
      "请安装 Python ${JUESUAN_MIN_PYTHON}+ 后重新运行，或用 PYTHON=/路径/python3.11 指定；" \
      "没有创建任何文件。"
  fi
  if ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
    juesuan_fail "“$py”缺少 venv 模块。请安装它（Debian/统信/麒麟：sudo apt install python3-venv）后重新运行。"
  fi
  echo "$py"
}

# The SHA-256 of pyproject.toml, by the venv's own Python (no sha256sum on every system).
juesuan_project_hash() {
  "$1/bin/python" -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())'
}

# True when VENV holds this pyproject.toml's install with EXTRA (a "test" install covers "").
juesuan_installed() {
  local venv="$1" extra="$2" stamp="$1/.juesuan-installed"
  [ -f "$stamp" ] || return 1
  [ "$(sed -n 1p "$stamp")" = "$(juesuan_project_hash "$venv")" ] || return 1
  [ -z "$extra" ] || grep -qx "$extra" <(sed -n '2,$p' "$stamp")
}

# Creates VENV when it is missing or was made by a Python older than 3.11 (or is damaged).
# Sets JUESUAN_CREATED=1 when this run created it.
juesuan_make_venv() {
  local venv="$1" py
  JUESUAN_CREATED=0
  if [ -x "$venv/bin/python" ] &&
    "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    return 0
  fi
  py="$(juesuan_python)" || exit 1
  if [ -e "$venv" ]; then
    echo "“$venv”不可用（Python 版本过旧或已损坏），重新创建。"
    rm -rf "$venv"
  fi
  echo "正在创建 $venv（$("$py" --version 2>&1)）……"
  JUESUAN_CREATED=1
  if ! "$py" -m venv "$venv"; then
    rm -rf "$venv"
    juesuan_fail "无法创建“$venv”。请检查磁盘空间和 Python 安装后重新运行。"
  fi
  "$venv/bin/python" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
}

# pip failed: a venv this run created goes away, an older one keeps its old stamp off.
juesuan_install_failed() {
  local venv="$1"
  if [ "$JUESUAN_CREATED" = 1 ]; then
    rm -rf "$venv"
  else
    rm -f "$venv/.juesuan-installed"
  fi
  juesuan_fail "安装 Python 包失败（pip 的输出见上）。请检查网络或软件源后重新运行；" \
    "不完整的安装已清除，下次运行会重新安装。"
}

juesuan_stamp() {
  local venv="$1"
  shift
  { juesuan_project_hash "$venv"; printf '%s\n' "$@"; } >"$venv/.juesuan-installed"
}

juesuan_install() {
  local venv="$1" extra="${2:-}"
  juesuan_make_venv "$venv"
  if juesuan_installed "$venv" "$extra"; then
    return 0
  fi
  echo "正在安装（只在第一次和 pyproject.toml 改动后进行）……"
  local target="."
  [ -z "$extra" ] || target=".[$extra]"
  "$venv/bin/python" -m pip install --quiet -e "$target" || juesuan_install_failed "$venv"
  if [ -n "$extra" ]; then juesuan_stamp "$venv" "$extra"; else juesuan_stamp "$venv"; fi
}

juesuan_install_noqt() {
  local venv="$1"
  juesuan_make_venv "$venv"
  if juesuan_installed "$venv" noqt; then
    return 0
  fi
  echo "正在安装无 Qt 的测试环境 $venv（不含 PySide6、pytest-qt）……"
  local requirements
  requirements="$("$venv/bin/python" - <<'EOF'
import tomllib

project = tomllib.load(open("pyproject.toml", "rb"))["project"]
wanted = project["dependencies"] + project["optional-dependencies"]["test"]
left_out = ("pyside6", "pytest-qt", "ruff", "mypy", "import-linter")
print("\n".join(d for d in wanted if not d.lower().startswith(left_out)))
EOF
)"
  # shellcheck disable=SC2086  # one requirement per word, none has spaces
  "$venv/bin/python" -m pip install --quiet $requirements || juesuan_install_failed "$venv"
  "$venv/bin/python" -m pip install --quiet --no-deps -e . || juesuan_install_failed "$venv"
  juesuan_stamp "$venv" noqt
}

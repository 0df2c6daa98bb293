#!/bin/sh
# Installs the Debian packages cutline builds with, when missing (called by `make`).
# Uses apt-get directly as root, sudo otherwise; says clearly what to do when neither works.
# An argument "cmd:pkg" means: install pkg only when the command cmd is missing (npm may come
# with the machine's Node.js rather than from Debian's npm package).
missing=""
for p in "$@"; do
  case "$p" in
  *:*) command -v "${p%%:*}" >/dev/null 2>&1 || missing="$missing ${p#*:}" ;;
  *) dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
       missing="$missing $p" ;;
  esac
done
[ -z "$missing" ] && exit 0
echo "  DEPS     installing:$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"
else
  echo "error: missing Debian packages:$missing" >&2
  echo "error: not root and no password-less sudo; run: sudo apt-get install$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q $missing >/dev/null 2>&1 || {
  $SUDO apt-get update -q >/dev/null 2>&1
  $SUDO apt-get install -y -q $missing || { echo "error: apt-get install$missing failed" >&2; exit 1; }
}

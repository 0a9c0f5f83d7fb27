#!/usr/bin/env bash
# GNU gettext (msgfmt, xgettext) for `make messages` and for compiling the catalogue in `make run`/`make test`.
# Installed with apt-get when missing and we are root; otherwise exits 1 and the committed .mo is used.
set -euo pipefail
command -v msgfmt >/dev/null && command -v xgettext >/dev/null && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing gettext with apt-get..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext >/dev/null || {
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext >/dev/null
  }
  exit 0
fi
echo "gettext is not installed (Debian: sudo apt-get install -y gettext)." >&2
exit 1

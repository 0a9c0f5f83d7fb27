#!/usr/bin/env bash
# Debian's Chromium drives the browser tests (never Playwright's own download).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Chromium is missing: install it (Debian: sudo apt-get install -y chromium) and run make test again." >&2
  exit 1
fi
echo "Installing Chromium with apt-get..."
DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null || {
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
}

#!/usr/bin/env bash
# Before the tests: the end-to-end tests drive a real Chromium. On Debian, as root, install it
# when missing; elsewhere say how to provide one.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the end-to-end tests (apt-get install chromium) …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "The end-to-end tests need Chromium at $browser. Install it (Debian: sudo apt-get install chromium)" >&2
echo "or point CHROMIUM_PATH to a Chromium or Chrome binary." >&2
exit 1

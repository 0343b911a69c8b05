#!/usr/bin/env bash
# Before the tests: the end-to-end tests drive a real Chromium, the document tests read PDFs
# back with poppler (pdftotext, pdftoppm) and decode QR codes with zbar, the auditor export's
# index.xml is validated against its DTD with xmllint (libxml2-utils). On Debian, as root,
# install what is missing; elsewhere say how to provide it.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$browser" ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ "${#missing[@]}" -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing for the tests: ${missing[*]} (apt-get) …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need: ${missing[*]}. Install them (Debian: sudo apt-get install ${missing[*]})," >&2
echo "or point CHROMIUM_PATH to a Chromium or Chrome binary." >&2
exit 1

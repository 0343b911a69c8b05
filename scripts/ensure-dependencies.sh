#!/usr/bin/env bash
# Before `npm start` and `npm test` on a fresh checkout: install the locked dependencies once.
set -euo pipefail
if [ ! -x node_modules/.bin/electron-vite ] || [ ! -x node_modules/.bin/tsx ]; then
  echo "Installing the dependencies (npm ci) …"
  npm ci
fi

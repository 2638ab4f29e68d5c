#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test when it is missing (never a browser download
# by a test tool). Prints a clear line and exits 0 when it cannot: the browser test then skips.
set -u
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(chromium --version 2>/dev/null | head -1)"
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: not installed and cannot install it here (needs root and apt-get); the browser test will be skipped"
  exit 0
fi
echo "chromium: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
  echo "chromium: $(chromium --version 2>/dev/null | head -1)"
else
  echo "chromium: installation failed; the browser test will be skipped"
fi
exit 0

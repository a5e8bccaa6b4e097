#!/usr/bin/env bash
# Make sure a headless Chromium is installed for the report test (tests/test_report_browser.py
# renders report.html in it offline). Debian/Ubuntu only; a machine that has one is left alone.
set -euo pipefail

for bin in chromium chromium-browser google-chrome; do
  if command -v "$bin" >/dev/null 2>&1; then
    echo "install-chromium: present: $(command -v "$bin")"
    exit 0
  fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no Chromium and no apt-get; install Chromium (Debian package chromium) or set PERFCI_CHROMIUM" >&2
  exit 3
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "install-chromium: installed $(command -v chromium)"

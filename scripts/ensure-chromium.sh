#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core cannot download a browser here) and need a
# CJK font for readable screenshots. Installs both when missing and we may (root with apt-get);
# otherwise says what to install, and the browser tests will fail with the same advice.
set -u
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "WenQuanYi"; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian chromium and fonts-wqy-microhei for the browser tests…"
  apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null && exit 0
fi
echo "Browser tests need Debian's chromium and fonts-wqy-microhei: sudo apt-get install -y chromium fonts-wqy-microhei" >&2
exit 0

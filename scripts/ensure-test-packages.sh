#!/usr/bin/env bash
# What the tests need from Debian, installed when missing and we may (root with apt-get); otherwise
# says what to install, and the tests that need it fail with the same advice:
# - chromium and a CJK font: the browser tests drive Debian's Chromium (playwright-core cannot
#   download a browser here) and take readable screenshots;
# - postgresql: the storage and two-instance tests start a throw-away cluster of their own;
# - nginx: test/deploy runs docs/deploy.md's configuration in front of two instances.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi" || missing+=(fonts-wqy-microhei)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the tests: ${missing[*]}…"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null && exit 0
fi
echo "The tests need Debian packages: sudo apt-get install -y ${missing[*]}" >&2
exit 0

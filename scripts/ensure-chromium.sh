#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the console's browser tests (Playwright drives it; its own
# browser downloader is never used). Installs it when missing and we are root on Debian; fails loudly
# otherwise, since the browser tests never skip.
set -euo pipefail

chromium="${ERTA_TEST_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Chromium is not installed; installing Debian's chromium for the console's browser tests." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    [ -x "$chromium" ] && exit 0
fi
echo "error: $chromium is missing; install Debian's chromium package (apt-get install chromium)" >&2
exit 1

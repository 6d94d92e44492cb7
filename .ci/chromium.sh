#!/usr/bin/env bash
# Debian's Chromium for the dashboard's end-to-end tests (test/e2e, driven by playwright-core, which
# never downloads a browser). Installs the `chromium` package with apt-get when no Chromium binary is
# found (apt-get update first); does nothing when one is there. Everything goes to stderr.
set -euo pipefail

log() { printf 'chromium.sh: %s\n' "$*" >&2; }

for bin in "${TAKT_CHROMIUM:-}" /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$bin" ] && [ -x "$bin" ]; then
    log "found $bin"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  log "no chromium and no apt-get: the end-to-end tests will be skipped"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
log "installing Debian's chromium (apt-get) …"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq -o DPkg::Lock::Timeout=600 >&2
$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends chromium fonts-dejavu-core >&2
log "installed $(command -v chromium)"

#!/usr/bin/env bash
# One-step setup on a fresh Debian machine: system packages (browsers for the demo and the tests)
# and the npm dependencies from the lock file. Safe to run again; it skips what is already there.
#   scripts/setup.sh          what `npm start` needs (Chromium)
#   scripts/setup.sh --test   what `npm test` needs (Chromium and Firefox ESR)
set -euo pipefail
cd "$(dirname "$0")/.."

want=(chromium)
[ "${1:-}" = "--test" ] && want+=(firefox-esr)

missing=()
for pkg in "${want[@]}"; do
  command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]} from Debian"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or was installed from another lock file.
stamp=node_modules/.setup-lock-hash
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "${CI:-}" = "true" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$hash" > "$stamp"
fi

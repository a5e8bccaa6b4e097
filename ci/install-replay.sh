#!/usr/bin/env bash
# The workflow replay test's Node package (ci/replay/: @actions/expressions, GitHub's own
# expression evaluator) from its pinned lock file. Idempotent and quiet: nothing is done when
# node_modules already holds exactly this lock file's packages. Without npm it says so and
# exits 0 (tests/test_workflow_replay.py then skips, as it does without node).
set -euo pipefail
cd "$(dirname "$0")/replay"

if ! command -v npm >/dev/null 2>&1; then
  echo "install-replay: npm not found; the workflow replay tests will be skipped" >&2
  exit 0
fi
stamp=node_modules/.perfci-installed-lock.json
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error >/dev/null
cp package-lock.json "$stamp"

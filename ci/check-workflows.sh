#!/usr/bin/env bash
# The workflow checks: zizmor (offline audits, zero findings; a finding may only be silenced by
# an inline `# zizmor: ignore[...]` with its one-line justification) and the workflow files
# against the GitHub workflow schema (plus check-jsonschema's rule that every job has a timeout).
set -euo pipefail
cd "$(dirname "$0")/.."

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ "${#workflows[@]}" -eq 0 ]; then
  echo "check-workflows: no workflow files" >&2
  exit 2
fi

zizmor --offline --no-progress "${workflows[@]}"
check-jsonschema --builtin-schema vendor.github-workflows "${workflows[@]}"
check-jsonschema --builtin-schema custom.github-workflows-require-timeout "${workflows[@]}"
echo "check-workflows: ${#workflows[@]} workflow files clean"

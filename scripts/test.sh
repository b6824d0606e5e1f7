#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/setup.sh), then the whole solution's test projects.
# Prints a closing line "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh || { echo "setup failed"; exit 1; }
log="$(mktemp)"
dotnet test Trainer.slnx -c Release --no-build -nologo -v quiet "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Sum the per-assembly summaries: "Passed!  - Failed:     0, Passed:    26, Skipped:     0, Total: ..."
read -r passed failed skipped < <(grep -E "(Passed|Failed)!? +- +Failed:" "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status

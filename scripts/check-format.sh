#!/usr/bin/env bash
# Fails when a C++ source of the repository does not follow .clang-format (run by CTest as
# source_format, and so by .ci/run). Usage: scripts/check-format.sh [CLANG_FORMAT]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
format=${1:-clang-format}
files=$(find model sim live ui app tests -name '*.cpp' -o -name '*.h' | sort)
# shellcheck disable=SC2086
if ! "$format" --dry-run --Werror $files; then
    echo "check-format: run '$format -i' on the files above" >&2
    exit 1
fi
echo "check-format: $(echo "$files" | wc -l) files follow .clang-format"

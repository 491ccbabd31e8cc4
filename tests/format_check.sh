#!/usr/bin/env bash
# Fails when a C++ source in the repository is not formatted as .clang-format says (clang-format -i fixes it).
set -euo pipefail
cd "$1"
git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format --dry-run --Werror
echo "every C++ source is clang-formatted"

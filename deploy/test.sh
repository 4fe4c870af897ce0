#!/usr/bin/env bash
# The test command: builds everything, then runs every test layer through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/build.sh
ctest --test-dir build/native --output-on-failure

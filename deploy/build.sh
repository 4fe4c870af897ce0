#!/usr/bin/env bash
# Builds everything: dependencies (deploy/setup.sh), the native CLI and tests (build/native),
# the wasm page, JS-side tests and CLI (build/wasm), and the static site (build/site).
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc)
cmake --preset native >/dev/null
cmake --build --preset native -j "$jobs"
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs"
echo "[build] CLI: build/native/vigie   site: build/site/"

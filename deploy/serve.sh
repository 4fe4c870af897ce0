#!/usr/bin/env bash
# The serve command: builds everything, then serves build/site on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/build.sh
exec node web/serve.mjs build/site "${PORT:-8080}"

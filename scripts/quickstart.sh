#!/usr/bin/env bash
# Set up, build the bundled sample corpus into ./kg-data and serve it over GraphQL.
# Extra arguments go to `kg quickstart` (for example --port 8001 or --no-serve).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/kg quickstart "$@"

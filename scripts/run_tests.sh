#!/usr/bin/env bash
# Run the whole test suite inside the project's virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."
export SKILLGAP_DATA_DIR="${SKILLGAP_DATA_DIR:-$PWD/data}"
exec .venv/bin/python -m pytest "$@"

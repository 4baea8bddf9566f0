#!/usr/bin/env bash
# Quick start: set everything up, ingest the default corpus if the store is empty, serve the chat UI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/balkans-qa chat "$@"

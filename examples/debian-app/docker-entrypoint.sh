#!/bin/bash
# Example entrypoint: prepares the data directory, then runs the command.
set -euo pipefail
if [[ "${1:-}" == "serve" ]]; then
  mkdir -p /srv/data
fi
exec "$@"

#!/bin/sh
# The canon container's start: load the bundled ledger, then serve.
#
# `canon append` leaves entries that are already recorded as they are, so loading the bundled
# files again on a later start changes nothing: the ledger is loaded on the first start and
# kept afterwards. The store may still be starting (compose waits for its health check, but a
# cluster elects a leader after that), so the load is retried a few times; if it still fails
# (for instance a bundled file now differs from what the ledger recorded), the server starts
# anyway and says so: the ledger in the store is the record, not the files.
set -eu

if [ "${CANON_LOAD_BUNDLED:-true}" = "true" ]; then
  attempt=1
  until node bin/canon.js append ledgers/star-trek/*.yaml; do
    if [ "$attempt" -ge "${CANON_LOAD_ATTEMPTS:-10}" ]; then
      echo "canon-entrypoint: the bundled ledger was not loaded after $attempt attempts; serving the ledger as it stands" >&2
      break
    fi
    attempt=$((attempt + 1))
    sleep 3
  done
fi

exec node bin/canon.js serve --host 0.0.0.0 --port "${PORT:-8080}"

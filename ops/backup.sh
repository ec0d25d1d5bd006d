#!/usr/bin/env bash
# Backs up a Tafel log, also while `tafel serve` runs, and verifies the copy.
#
#   ops/backup.sh file DATA_DIR BACKUP_DIR          # embedded store: copy events.log's whole batches and texts.log, verify the copy
#   ops/backup.sh postgresql URI BACKUP_FILE.dump   # pg_dump -Fc of the database (DBA tooling)
#   ops/backup.sh export STORE BACKUP_FILE.ndjson   # either store: tafel export --texts (portable, verifiable NDJSON, with the free texts)
#
# The embedded log is append-only, and `tafel backup` copies it only as far as it holds
# whole batches, each read and checked before it is copied: a copy taken during appends holds
# every event acknowledged before the copy began (and perhaps batches written but not yet
# flushed, which are whole), never a batch caught half-written, so it always verifies. A
# plain cp could catch a batch half-written and later ones whole, which no longer opens.
# Set TAFEL to the tafel binary (default: tafel on PATH, else .build/release/tafel).
set -euo pipefail
tafel=${TAFEL:-$(command -v tafel || echo "$(dirname "$0")/../.build/release/tafel")}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
kind=${1:-}
source=${2:?usage: $0 file|postgresql|export SOURCE TARGET}
target=${3:?usage: $0 file|postgresql|export SOURCE TARGET}

case "$kind" in
file)
    [ -f "$source/events.log" ] || { echo "ops: $source holds no events.log" >&2; exit 1; }
    [ ! -e "$target/events.log" ] || { echo "ops: $target already holds a log; back up into a new directory" >&2; exit 1; }
    mkdir -p "$target"
    "$tafel" backup --store "$source" --to "$target"
    "$tafel" verify --store "$target" --texts
    ;;
postgresql)
    "${pgbin:+$pgbin/}pg_dump" --format=custom --no-owner --no-privileges --file="$target" "$source"
    echo "ops: wrote $target; restore it with: $(dirname "$0")/restore.sh postgresql $target postgresql://…/new_database" >&2
    ;;
export)
    "$tafel" export --store "$source" --texts >"$target.partial"
    mv "$target.partial" "$target"
    echo "ops: wrote $(grep -vc '^{"text":' "$target") events to $target" >&2
    ;;
*)
    echo "usage: $0 file|postgresql|export SOURCE TARGET" >&2
    exit 2
    ;;
esac

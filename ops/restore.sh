#!/usr/bin/env bash
# Restores a Tafel backup into a new, empty store and verifies the hash chain of the result.
#
#   ops/restore.sh file BACKUP_DIR NEW_DATA_DIR            # from ops/backup.sh file
#   ops/restore.sh postgresql BACKUP_FILE.dump URI         # from ops/backup.sh postgresql; URI names an empty database
#   ops/restore.sh export BACKUP_FILE.ndjson NEW_STORE     # from ops/backup.sh export, into either store
#
# The last form is also how a log moves from the embedded store to PostgreSQL:
#   tafel export --store ./tafel-data | tafel import --store postgresql://tafel_owner@db/tafel
# Both ends report the same head hash; `tafel verify` recomputes it.
set -euo pipefail
tafel=${TAFEL:-$(command -v tafel || echo "$(dirname "$0")/../.build/release/tafel")}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
kind=${1:-}
backup=${2:?usage: $0 file|postgresql|export BACKUP TARGET}
target=${3:?usage: $0 file|postgresql|export BACKUP TARGET}

case "$kind" in
file)
    [ ! -e "$target/events.log" ] || { echo "ops: $target already holds a log; restore into a new directory" >&2; exit 1; }
    mkdir -p "$target"
    # The free texts first: the log refers to them (a backup from before texts.log has none).
    if [ -f "$backup/texts.log" ]; then cp "$backup/texts.log" "$target/texts.log"; fi
    cp "$backup/events.log" "$target/events.log"
    ;;
postgresql)
    "${pgbin:+$pgbin/}pg_restore" --exit-on-error --no-owner --no-privileges --dbname="$target" "$backup"
    ;;
export)
    "$tafel" import --store "$target" <"$backup"
    ;;
*)
    echo "usage: $0 file|postgresql|export BACKUP TARGET" >&2
    exit 2
    ;;
esac
"$tafel" verify --store "$target" --texts

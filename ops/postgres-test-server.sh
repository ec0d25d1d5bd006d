#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL server for the tests: initdb in a temporary
# directory, listening only on a unix socket in that directory, run as the unprivileged
# `postgres` user because initdb refuses to run as root.
#
#   eval "$(ops/postgres-test-server.sh start)"   # exports TAFEL_TEST_DATABASE_URL, TAFEL_TEST_PGDIR
#   ops/postgres-test-server.sh restart "$TAFEL_TEST_PGDIR"   # the fault tests do this mid-load
#   ops/postgres-test-server.sh stop "$TAFEL_TEST_PGDIR"
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "ops: no PostgreSQL server found; run ops/install-dependencies.sh" >&2; exit 1; }

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "${1:-}" in
start)
    dir=$(mktemp -d /tmp/tafel-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && { id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres; chown postgres "$dir"; }
    as_server_user "$bin/initdb" -D "$dir/data" -U tafel -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # One role logs in with a password, so the tests can show what a wrong one looks like.
    { echo "local all tafel_password scram-sha-256"; cat "$dir/data/pg_hba.conf"; } >"$dir/pg_hba.conf"
    cp "$dir/pg_hba.conf" "$dir/data/pg_hba.conf"
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses='' -k $dir -c fsync=on -c synchronous_commit=on -c max_connections=500" >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_server_user "$bin/createdb" -h "$dir" -U tafel tafel_test
    as_server_user "$bin/psql" -q -h "$dir" -U tafel -d tafel_test \
        -c "CREATE ROLE tafel_password LOGIN PASSWORD 'right-password'" >/dev/null
    echo "export TAFEL_TEST_PGDIR='$dir'"
    echo "export TAFEL_TEST_DATABASE_URL='postgresql://tafel@/tafel_test?host=$dir'"
    ;;
restart)
    dir=${2:?usage: $0 restart DIR}
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
    ;;
stop)
    dir=${2:?usage: $0 stop DIR}
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start | restart DIR | stop DIR" >&2
    exit 2
    ;;
esac

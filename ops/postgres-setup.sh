#!/usr/bin/env bash
# PostgreSQL for Tafel with least privilege: an owner role that holds the schema (and runs
# `tafel migrate`) and an application role for `tafel serve` that may SELECT and INSERT
# events but never UPDATE or DELETE them (the append-only trigger refuses that even to the
# owner), and SELECT, INSERT and DELETE free texts (erasure) but never UPDATE or TRUNCATE
# them (refused by a trigger too). Connection settings come from the PG* environment
# variables of a superuser.
#
#   ops/postgres-setup.sh create DB OWNER APP   # roles (LOGIN; set passwords with \password), database, locked schema
#   tafel migrate --store postgresql://OWNER@HOST/DB
#   ops/postgres-setup.sh grant DB OWNER APP    # what APP may do, after the migrations
#   tafel serve --store postgresql://APP@HOST/DB
set -euo pipefail

psql_bin=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
[ -n "$psql_bin" ] || { echo "ops: psql not found" >&2; exit 1; }
phase=${1:-}
db=${2:?usage: $0 create|grant DB OWNER APP}
owner=${3:?usage: $0 create|grant DB OWNER APP}
app=${4:?usage: $0 create|grant DB OWNER APP}
for name in "$db" "$owner" "$app"; do
    [[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "ops: '$name' is not a plain lower-case identifier" >&2; exit 2; }
done
run() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$@"; }

case "$phase" in
create)
    run -d postgres <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$owner') THEN CREATE ROLE $owner LOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$app') THEN CREATE ROLE $app LOGIN; END IF;
END \$\$;
SQL
    if [ "$(run -d postgres -tAc "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = "0" ]; then
        run -d postgres -c "CREATE DATABASE $db OWNER $owner ENCODING 'UTF8'"
    fi
    run -d "$db" <<SQL
REVOKE ALL ON DATABASE $db FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $db TO $owner;
GRANT CONNECT ON DATABASE $db TO $app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO $owner;
SQL
    echo "ops: roles $owner and $app and database $db are ready; now run tafel migrate as $owner, then: $0 grant $db $owner $app" >&2
    ;;
grant)
    run -d "$db" <<SQL
GRANT USAGE ON SCHEMA public TO $app;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM $app;
GRANT SELECT, INSERT ON events TO $app;
GRANT SELECT, INSERT, DELETE ON texts TO $app;
GRANT SELECT, INSERT ON read_log TO $app;
GRANT SELECT ON tafel_migrations TO $app;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tafel_lock_log() TO $app;
SQL
    echo "ops: $app may read and append events and read records, and insert and erase texts in $db (no UPDATE, DELETE or TRUNCATE of events or read records, no UPDATE or TRUNCATE of texts)" >&2
    ;;
*)
    echo "usage: $0 create|grant DB OWNER APP" >&2
    exit 2
    ;;
esac

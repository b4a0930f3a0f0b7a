#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 on 127.0.0.1 (a free port, a fresh data folder, trust auth),
# then stops the server and removes the folder, also on failure or interruption.
#
#   scripts/with-postgres.sh npm test
#   scripts/with-postgres.sh psql -c 'select version()'        # psql reads the exported PG* variables
#   scripts/with-postgres.sh bash -c 'psql "$DATABASE_URL" -c "select 1"'   # the URL exists only inside
#
# The command sees DATABASE_URL (database "commune") and TEST_DATABASE_URL (database "commune_test"), plus
# PGHOST, PGPORT, PGUSER and PGDATABASE for psql. Exits with the command's status.
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin), WITH_PG_PORT (default: a free port is chosen),
# WITH_PG_KEEP_LOG=1 prints the server log at the end.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB_NAME=commune
TEST_DB_NAME=commune_test

say() { printf '[with-postgres] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 2; }

[ $# -gt 0 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
[ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] || die "no PostgreSQL binaries in $PG_BIN (apt-get install postgresql-15)"

# initdb and postgres refuse to run as root: as root, the server runs as the 'postgres' user.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (created by the postgresql package)"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# Under /tmp so the postgres user can reach it whatever TMPDIR is; no spaces in the path (pg_ctl -o).
tmp=$(mktemp -d /tmp/with-postgres.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown postgres: "$tmp"
chmod 700 "$tmp"
data="$tmp/data"
log="$tmp/server.log"
started=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$started" ] && (cd "$tmp" && as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1); then
    if ! (cd "$tmp" && as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -t 30 -w stop >/dev/null 2>&1); then
      say "fast stop failed; stopping immediately"
      (cd "$tmp" && as_pg "$PG_BIN/pg_ctl" -D "$data" -m immediate -t 30 -w stop >/dev/null 2>&1) || true
    fi
  fi
  if [ "${WITH_PG_KEEP_LOG:-}" = 1 ] && [ -f "$log" ]; then cat "$log" >&2; fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM # replaced by forwarding traps once the command runs

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  return 1
}

(cd "$tmp" && as_pg "$PG_BIN/initdb" -D "$data" --auth=trust --username=postgres --encoding=UTF8 \
  --locale=C.UTF-8 --no-sync >"$tmp/initdb.log" 2>&1) || { cat "$tmp/initdb.log" >&2; die "initdb failed"; }

# A port can be taken between the check and the bind: try a few.
for attempt in 1 2 3 4 5; do
  port=${WITH_PG_PORT:-$(pick_port)} || die "no free port found"
  opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$tmp"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off" # throwaway: speed over durability
  if (cd "$tmp" && as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$log" -o "$opts" -w -t 60 start >/dev/null 2>&1); then
    started=1
    break
  fi
  if [ -n "${WITH_PG_PORT:-}" ] || ! grep -q 'could not bind\|already in use' "$log" 2>/dev/null; then
    cat "$log" >&2 2>/dev/null || true
    die "PostgreSQL did not start"
  fi
  say "port $port was taken (attempt $attempt); trying another"
done
[ -n "$started" ] || die "PostgreSQL did not start after 5 attempts"

for db in "$DB_NAME" "$TEST_DB_NAME"; do
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db" || die "createdb $db failed"
done

export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGDATABASE="$DB_NAME"
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/$DB_NAME"
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/$TEST_DB_NAME"
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $data)"

# The command runs in the background so that a TERM or INT sent to this script reaches it at once (bash defers
# traps while a foreground child runs); `<&0` keeps stdin, which a background job would otherwise lose.
child=
forward() { [ -n "$child" ] && kill -TERM "$child" 2>/dev/null; return 0; }
trap 'forward; interrupted=143' TERM
trap 'forward; interrupted=130' INT
interrupted=
set +e
"$@" <&0 &
child=$!
while :; do
  wait "$child"
  status=$?
  kill -0 "$child" 2>/dev/null || break # gone: $status is its exit status
done
set -e
exit "${interrupted:-$status}"

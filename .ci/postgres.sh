#!/usr/bin/env bash
# A throwaway PostgreSQL server for the database tests (the suite also runs on PGlite without it).
#
#   eval "$(.ci/postgres.sh)"         # start: prints export lines for TAKT_TEST_DATABASE_URL and TAKT_TEST_PGDATA
#   .ci/postgres.sh stop              # stop the cluster named by TAKT_TEST_PGDATA and delete its directory
#
# Installs Debian's `postgresql` package when initdb/pg_ctl are missing (apt-get update first), creates
# a cluster in a temporary directory with trust authentication for local connections, and starts it
# on a free TCP port of 127.0.0.1. As root, the cluster runs as the `postgres` user (created by the
# package) or, failing that, a created `takt-pg` user: PostgreSQL refuses to run as root.
# Everything but the export lines goes to stderr.
set -euo pipefail

log() { printf 'postgres.sh: %s\n' "$*" >&2; }

find_bin() {
  local name=$1 dir
  if command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
    return 0
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/$name" ]; then
      echo "$dir/$name"
      return 0
    fi
  done
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$OWNER" -- "$@"
  else
    "$@"
  fi
}

pick_owner() {
  OWNER=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then
      OWNER=postgres
    else
      id takt-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin takt-pg
      OWNER=takt-pg
    fi
  fi
}

if [ "${1:-start}" = "stop" ]; then
  : "${TAKT_TEST_PGDATA:?TAKT_TEST_PGDATA is not set (eval the output of .ci/postgres.sh first)}"
  pick_owner
  PG_CTL=$(find_bin pg_ctl)
  as_owner "$PG_CTL" -D "$TAKT_TEST_PGDATA/data" -m fast -w stop >&2 || true
  rm -rf "$TAKT_TEST_PGDATA"
  exit 0
fi

if ! find_bin initdb >/dev/null || ! find_bin pg_ctl >/dev/null; then
  log "initdb/pg_ctl not found: installing Debian's postgresql package"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >&2
fi
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
pick_owner

ROOT=$(mktemp -d "${TMPDIR:-/tmp}/takt-pg.XXXXXX")
chmod 755 "$ROOT"
[ "$(id -u)" -eq 0 ] && chown "$OWNER" "$ROOT"

PORT=$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});')
log "cluster in $ROOT as $OWNER on port $PORT ($("$INITDB" --version))"
as_owner "$INITDB" -D "$ROOT/data" -U takt --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$ROOT/initdb.log" 2>&1 ||
  as_owner "$INITDB" -D "$ROOT/data" -U takt --auth=trust --encoding=UTF8 --no-locale >"$ROOT/initdb.log" 2>&1 || {
  cat "$ROOT/initdb.log" >&2
  exit 1
}
as_owner "$PG_CTL" -D "$ROOT/data" -l "$ROOT/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >&2 || {
  cat "$ROOT/server.log" >&2
  exit 1
}

echo "export TAKT_TEST_DATABASE_URL=postgresql://takt@127.0.0.1:$PORT/postgres"
echo "export TAKT_TEST_PGDATA=$ROOT"

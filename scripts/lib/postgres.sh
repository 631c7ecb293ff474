# Sourced by run.sh --postgres: a private PostgreSQL 15 cluster in a folder of the data directory, listening on a
# loopback port, its socket in that folder, trust authentication for its one role `ethgov` on loopback only (a
# development cluster: a department's own PostgreSQL has passwords and TLS, docs/operations.md). PostgreSQL refuses to
# run as root; under root the cluster runs as `nobody` through util-linux's setpriv, as the test fixture does.
ETHGOV_PG_BIN="${ETHGOV_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"

# ethgov_pg COMMAND ARGS...: one of the cluster's programs, as nobody under root.
ethgov_pg() {
  local program="$ETHGOV_PG_BIN/$1"
  shift
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$program" "$@"
  else
    "$program" "$@"
  fi
}

# ethgov_pg_start FOLDER PORT: creates the cluster in FOLDER when missing and starts it on 127.0.0.1:PORT.
ethgov_pg_start() {
  local folder="$1" port="$2"
  mkdir -p "$folder"
  [ "$(id -u)" -ne 0 ] || chown nobody:nogroup "$folder"
  if [ ! -f "$folder/data/PG_VERSION" ]; then
    ethgov_log "creating a PostgreSQL cluster in $folder"
    ethgov_pg initdb -D "$folder/data" -U ethgov --auth=trust --encoding=UTF8 --locale=C > "$folder/initdb.log" 2>&1 \
      || { cat "$folder/initdb.log" >&2; echo "ethgov: initdb failed in $folder" >&2; return 1; }
  fi
  ethgov_log "starting PostgreSQL on 127.0.0.1:$port (log: $folder/postgres.log)"
  ethgov_pg pg_ctl start -D "$folder/data" -l "$folder/postgres.log" -w -t 60 \
    -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c max_connections=200" > /dev/null \
    || { tail -20 "$folder/postgres.log" >&2; echo "ethgov: PostgreSQL did not start; its log is $folder/postgres.log" >&2; return 1; }
}

# ethgov_pg_stop FOLDER: a fast shutdown (open transactions roll back, what was committed stays).
ethgov_pg_stop() {
  [ -f "$1/data/postmaster.pid" ] || return 0
  ethgov_pg pg_ctl stop -D "$1/data" -m fast -w > /dev/null 2>&1 || true
}

# ethgov_pg_create_database FOLDER PORT NAME: an empty database NAME owned by the cluster's role.
ethgov_pg_create_database() {
  ethgov_pg createdb -h "$1" -p "$2" -U ethgov "$3"
}

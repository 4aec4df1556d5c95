# Sourced by search.sh and text-search.sh: starts the published server on a kept or a new database and loads the
# Synthea corpus into it. The caller sets provider, copies, server, port, work and bundles; SEARCH_DB (SQLite file) or
# SEARCH_PG_DB (PostgreSQL database) name a database kept between runs: reused as it is when it already holds data,
# otherwise loaded and kept. PostgreSQL needs FHIRAI_BENCH_POSTGRES_URI (psql URI, admin) and
# FHIRAI_BENCH_POSTGRES_ADMIN (Npgsql string without Database).
# start_corpus_server NAME sets url (http://127.0.0.1:$port), pid and db, and sets copies=0 for a reused database.

start_corpus_server() {
  local args=(--urls "http://127.0.0.1:$port" --Logging:LogLevel:Default Warning)
  # decided before the server starts: it creates (and migrates) the database
  if [ "$provider" = postgres ]; then
    db=${SEARCH_PG_DB:-fhirai_$1_$$}
    if [ -n "$(psql "$FHIRAI_BENCH_POSTGRES_URI" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      copies=0
    else
      psql "$FHIRAI_BENCH_POSTGRES_URI" -qc "CREATE DATABASE $db" >/dev/null
    fi
    args+=(--FhirAi:Storage:Provider PostgreSql --FhirAi:Storage:PostgreSqlConnectionString "$FHIRAI_BENCH_POSTGRES_ADMIN;Database=$db")
  else
    if [ -n "${SEARCH_DB:-}" ] && [ -s "$SEARCH_DB" ]; then copies=0; fi
    db=${SEARCH_DB:-$work/fhirai.db}
    args+=(--FhirAi:Storage:SqlitePath "$db")
  fi
  dotnet "$server" "${args[@]}" >"$work/server.log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  url="http://127.0.0.1:$port"
  until curl -sf -o /dev/null "$url/fhir/metadata"; do sleep 0.2; done
}

# Posts every bundle of the corpus $copies times, two clients at a time; each load gets new server-assigned ids.
load_corpus() {
  local _
  for _ in $(seq 1 "$copies"); do
    find "$bundles" -name '*.json' -print0 | xargs -0 -P 2 -I{} \
      curl -sf -o /dev/null -X POST -H 'Content-Type: application/fhir+json' -H 'Prefer: return=minimal' --data-binary @{} "$url/fhir"
  done
}

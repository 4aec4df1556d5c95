#!/usr/bin/env bash
# Loads every Synthea bundle (../shared/data/synthea/bundles) as a transaction into a fresh database and
# reports resources/s, for 1..N parallel clients.
# The clients are tests/load/bulk-post.py: N persistent HTTP/1.1 connections, bodies read before the clock starts.
# LOADER=curl uses the earlier loader instead (xargs -P N curl, one process per bundle; it cost ~20 % of this
# 2-core machine's CPU during a pass, time the server did not get).
# Usage: tests/load/bulk-load.sh sqlite|postgres "1 2 4"
#   WARM=1 first loads the corpus once untimed (JIT warm-up), then times a second full load.
#   build first: dotnet publish src/FhirAi.Server -c Release -o /tmp/fhirai-pub
#   postgres needs FHIRAI_BENCH_POSTGRES_URI (a psql URI, e.g. postgresql://postgres:pw@127.0.0.1:5432/postgres) to create
#   a database per run, and FHIRAI_BENCH_POSTGRES_ADMIN (the same server as an Npgsql connection string, without Database).
#   Besides resources/s it prints the server's CPU time for the timed load (user + system, from /proc): on a shared
#   machine wall time swings with the neighbours' load, CPU seconds per pass much less.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundles=$(cd "$here/../../../shared/data/synthea/bundles" && pwd)
provider=${1:-sqlite}
clients=${2:-"1 2 4"}
server=${FHIRAI_SERVER_DLL:-/tmp/fhirai-pub/FhirAi.Server.dll}
port=${PORT:-18083}
resources=$(find "$bundles" -name '*.json' -exec cat {} + | grep -o '"request"' | wc -l)
for p in $clients; do
  args=(--urls "http://127.0.0.1:$port" --Logging:LogLevel:Default Warning)
  if [ "$provider" = postgres ]; then
    db="fhirai_bench_$$_$p"
    psql "$FHIRAI_BENCH_POSTGRES_URI" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
    args+=(--FhirAi:Storage:Provider PostgreSql --FhirAi:Storage:PostgreSqlConnectionString "$FHIRAI_BENCH_POSTGRES_ADMIN;Database=$db")
  else
    args+=(--FhirAi:Storage:SqlitePath "$(mktemp -d)/fhirai.db")
  fi
  dotnet "$server" "${args[@]}" >"${TMPDIR:-/tmp}/fhirai-bulk-server.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/fhir/metadata"; do sleep 0.1; done
  # Prints the pass's wall time in ms (the Python loader times itself, after reading the bundles).
  load() {
    if [ "${LOADER:-python}" = curl ]; then
      local start end
      start=$(date +%s%N)
      find "$bundles" -name '*.json' -print0 | xargs -0 -P "$p" -I{} \
        curl -sf -o /dev/null -X POST -H 'Content-Type: application/fhir+json' -H 'Prefer: return=minimal' --data-binary @{} "http://127.0.0.1:$port/fhir"
      end=$(date +%s%N)
      echo $(( (end - start) / 1000000 ))
    else
      python3 "$here/bulk-post.py" "http://127.0.0.1:$port/fhir" "$p" "$bundles" | awk '{print $4}'
    fi
  }
  cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
  [ "${WARM:-0}" = 1 ] && load >/dev/null
  ticks=$(cpu_ticks)
  ms=$(load)
  cpu_ms=$(( ($(cpu_ticks) - ticks) * 1000 / $(getconf CLK_TCK) ))
  echo "$provider clients=$p warm=${WARM:-0} loader=${LOADER:-python}: $resources resources in $ms ms = $(( resources * 1000 / ms )) resources/s;" \
    "server CPU $cpu_ms ms; load average $(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$provider" = postgres ]; then
    psql "$FHIRAI_BENCH_POSTGRES_URI" -qc "DROP DATABASE IF EXISTS $db" >/dev/null
  fi
done

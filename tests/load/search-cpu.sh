#!/usr/bin/env bash
# Server CPU milliseconds per search request, per query kind: less disturbed by other work on the machine than wrk's
# req/s (only the server process's own utime + stime is counted). Usage:
#   [WARMUP=seconds] tests/load/search-cpu.sh SERVER_DLL SQLITE_DB QUERY_DIR "kinds" [seconds] [port]
# QUERY_DIR holds one file of request paths per kind (the files tests/load/search.sh writes into its work directory).
# Compare two builds in pairs run one after the other, each on its own copy of the database.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dll=$1; db=$2; queries=$3; kinds=$4; seconds=${5:-4}; port=${6:-18087}; warmup=${WARMUP:-2}
dotnet "$dll" --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default Warning --FhirAi:Storage:SqlitePath "$db" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/fhir/metadata"; do sleep 0.2; done
sleep 12  # the start-up ANALYZE
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
for kind in $kinds; do
  SEARCH_PATHS="$queries/$kind" wrk -t2 -c8 -d"${warmup}s" -s "$here/search.lua" "http://127.0.0.1:$port" >/dev/null
  before=$(cpu)
  result=$(SEARCH_PATHS="$queries/$kind" wrk -t2 -c8 -d"${seconds}s" --latency -s "$here/search.lua" "http://127.0.0.1:$port")
  after=$(cpu)
  requests=$(echo "$result" | awk '/requests in/ {print $1}')
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
  awk -v k="$kind" -v c=$((after - before)) -v t="$ticks" -v n="$requests" -v r="$rps" -v p="$p99" \
    'BEGIN {printf "%-11s cpu %6.2f ms/req  (%d requests, %s req/s, p99 %s)\n", k, c * 1000 / t / n, n, r, p}'
done

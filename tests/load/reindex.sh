#!/usr/bin/env bash
# Loads the Synthea corpus (../shared/data/synthea/bundles), registers a custom SearchParameter and times a
# system-wide $reindex; meanwhile one client creates Patients one by one, and their latencies are compared with
# the same loop on the idle server. Usage: tests/load/reindex.sh sqlite|postgres
#   build first: dotnet publish src/FhirAi.Server -c Release -o /tmp/fhirai-reindex-pub
#   postgres needs FHIRAI_BENCH_POSTGRES_ADMIN (admin connection string) and FHIRAI_BENCH_POSTGRES_URI (for psql).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundles=$(cd "$here/../../../shared/data/synthea/bundles" && pwd)
provider=${1:-sqlite}
server=${FHIRAI_SERVER_DLL:-/tmp/fhirai-reindex-pub/FhirAi.Server.dll}
port=${PORT:-18093}
base="http://127.0.0.1:$port/fhir"
args=(--urls "http://127.0.0.1:$port" --Logging:LogLevel:Default Warning)
if [ "$provider" = postgres ]; then
  db="fhirai_reindex_$$"
  psql "$FHIRAI_BENCH_POSTGRES_URI" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  args+=(--FhirAi:Storage:Provider PostgreSql --FhirAi:Storage:PostgreSqlConnectionString "$FHIRAI_BENCH_POSTGRES_ADMIN;Database=$db")
else
  args+=(--FhirAi:Storage:SqlitePath "$(mktemp -d)/fhirai.db")
fi
dotnet "$server" "${args[@]}" >"${TMPDIR:-/tmp}/fhirai-reindex-server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$base/metadata"; do sleep 0.2; done
find "$bundles" -name '*.json' -print0 | xargs -0 -P 2 -I{} \
  curl -sf -o /dev/null -X POST -H 'Content-Type: application/fhir+json' -H 'Prefer: return=minimal' --data-binary @{} "$base"
curl -sf -o /dev/null -X POST -H 'Content-Type: application/fhir+json' "$base/SearchParameter" -d \
  '{"resourceType":"SearchParameter","url":"http://example.org/sp/obs-code-text","name":"ObsCodeText","status":"active","description":"x","code":"code-text-x","base":["Observation"],"type":"string","expression":"Observation.code.text"}'
creates() { # $1 = count; prints the sorted latencies in ms
  for i in $(seq "$1"); do
    curl -sf -o /dev/null -w '%{time_total}\n' -X POST -H 'Content-Type: application/fhir+json' -H 'Prefer: return=minimal' "$base/Patient" \
      -d '{"resourceType":"Patient","name":[{"family":"Latency"}]}'
  done | awk '{printf "%.1f\n", $1 * 1000}' | sort -n
}
summary() { awk '{a[NR]=$1} END {printf "p50 %s ms, p95 %s ms, max %s ms (n=%d)", a[int(NR*0.5)+1], a[int(NR*0.95)], a[NR], NR}'; }
idle=$(creates 100 | summary)
start=$(date +%s%N)
status=$(curl -sf -D - -o /dev/null -X POST "$base/\$reindex" | tr -d '\r' | awk 'tolower($1)=="content-location:" {print $2}')
during=$(creates 100 | summary)
until curl -sf "$status" | grep -q '"valueCode":"completed"'; do sleep 0.2; done
end=$(date +%s%N)
processed=$(curl -sf "$status" | grep -o '"name":"processed","valueDecimal":[0-9]*' | grep -o '[0-9]*$')
ms=$(( (end - start) / 1000000 ))
echo "$provider: \$reindex of $processed resources in $ms ms = $(( processed * 1000 / ms )) resources/s"
echo "$provider: Patient create latency idle:           $idle"
echo "$provider: Patient create latency during reindex: $during"
if [ "$provider" = postgres ]; then kill $pid; wait $pid 2>/dev/null || true; psql "$FHIRAI_BENCH_POSTGRES_URI" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; fi

#!/usr/bin/env bash
# $interpret latency with wrk against a Release build on a fresh SQLite database: the 20-result panel of
# interpret-panel.json given in a Parameters (type form), and the same panel stored (instance form, which also
# reads the patient's record: 20 earlier results, blood pressure, smoking status, a medication).
# Usage: tests/load/interpret.sh [seconds] [connections]
#   build first: dotnet publish src/FhirAi.Server -c Release -o /tmp/fhirai-pub
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-15}
connections=${2:-1}
server=${FHIRAI_SERVER_DLL:-/tmp/fhirai-pub/FhirAi.Server.dll}
port=${PORT:-18083}
dotnet "$server" --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default Warning \
  --FhirAi:Storage:SqlitePath "$(mktemp -d)/fhirai.db" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/fhir/metadata"; do sleep 0.1; done
url="http://127.0.0.1:$port"
curl -sf -o /dev/null -X POST "$url/fhir" -H 'Content-Type: application/fhir+json' -H 'Prefer: return=minimal' --data-binary @"$here/interpret-seed.json"
# one request each, so that a wrong answer shows before measuring
curl -sf -o /dev/null -X POST "$url/fhir/DiagnosticReport/\$interpret" -H 'Content-Type: application/fhir+json' --data-binary @"$here/interpret-panel.json"
curl -sf -o /dev/null -X POST "$url/fhir/DiagnosticReport/bench-report/\$interpret"
export LOAD_DIR=$here
run() { echo "## $1 ($connections connection(s), ${seconds}s)"; wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$here/$2" "$url" | grep -E "Requests/sec|Latency  |50%|75%|90%|99%|Non-2xx|errors"; }
for script in interpret-given.lua interpret-stored.lua; do wrk -t1 -c"$connections" -d5s -s "$here/$script" "$url" >/dev/null; done
run "DiagnosticReport/\$interpret, 20 results given" interpret-given.lua
run "DiagnosticReport/{id}/\$interpret, 20 results stored" interpret-stored.lua

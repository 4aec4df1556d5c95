#!/usr/bin/env bash
# CDS Hooks latency with wrk against a Release build on a fresh SQLite database (JWT check off: this measures the
# service, not the signature check): order-sign with complete prefetch (target p99 <= 50 ms), patient-view reading
# the record from the store (target p99 <= 100 ms), and patient-view with the record as prefetch.
# The data (cds-hooks-data.py) is dated relative to now: 20 recent results, one critical.
# Usage: tests/load/cds-hooks.sh [seconds] [connections]
#   build first: dotnet publish src/FhirAi.Server -c Release -o /tmp/fhirai-cds-pub
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-15}
connections=${2:-1}
server=${FHIRAI_SERVER_DLL:-/tmp/fhirai-cds-pub/FhirAi.Server.dll}
port=${PORT:-18093}
data=$(mktemp -d)
python3 "$here/cds-hooks-data.py" "$data"
dotnet "$server" --urls "http://127.0.0.1:$port" --Logging:LogLevel:Default Warning --CdsHooks:RequireJwt false \
  --FhirAi:Storage:SqlitePath "$data/fhirai.db" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/cds-services"; do sleep 0.1; done
url="http://127.0.0.1:$port"
curl -sf -o /dev/null -X POST "$url/fhir" -H 'Content-Type: application/fhir+json' -H 'Prefer: return=minimal' --data-binary @"$data/seed.json"
# one request each, so that a wrong answer shows before measuring
for case in "fhirai-medication-review order-sign" "fhirai-patient-view patient-view" "fhirai-patient-view patient-view-prefetch"; do
  set -- $case
  echo "## $2: $(curl -sf -X POST "$url/cds-services/$1" -H 'Content-Type: application/json' --data-binary @"$data/$2.json" \
    | python3 -c 'import json,sys; print(", ".join(c["indicator"] + ": " + c["summary"] for c in json.load(sys.stdin)["cards"]))')"
done
run() {
  echo "## $2 ($connections connection(s), ${seconds}s, load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  CDS_BODY="$data/$2.json" CDS_PATH="/cds-services/$1" wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$here/cds-hooks.lua" "$url" \
    | grep -E "Requests/sec|Latency  |50%|75%|90%|99%|Non-2xx|errors"
}
for case in "fhirai-medication-review order-sign" "fhirai-patient-view patient-view" "fhirai-patient-view patient-view-prefetch"; do
  set -- $case
  CDS_BODY="$data/$2.json" CDS_PATH="/cds-services/$1" wrk -t1 -c"$connections" -d5s -s "$here/cds-hooks.lua" "$url" >/dev/null
done
run fhirai-medication-review order-sign
run fhirai-patient-view patient-view
run fhirai-patient-view patient-view-prefetch

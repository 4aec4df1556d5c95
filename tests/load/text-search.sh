#!/usr/bin/env bash
# _text and _content latency over >= 100,000 resources: loads the Synthea corpus COPIES times (as search.sh does),
# then times each query with curl (2 warm-ups, then RUNS runs; median and max of time_total) and prints its total.
# Usage: tests/load/text-search.sh sqlite|postgres [copies] [runs]
#   SEARCH_DB=/path/fhirai.db / SEARCH_PG_DB=name: a database kept between runs (corpus-server.sh).
#   build first: dotnet publish src/FhirAi.Server -c Release -o /tmp/fhirai-pub
#   postgres needs FHIRAI_BENCH_POSTGRES_URI (psql URI, admin) and FHIRAI_BENCH_POSTGRES_ADMIN (Npgsql string without Database).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundles=$(cd "$here/../../../shared/data/synthea/bundles" && pwd)
provider=${1:-sqlite}
copies=${2:-10}
runs=${3:-10}
server=${FHIRAI_SERVER_DLL:-/tmp/fhirai-pub/FhirAi.Server.dll}
port=${PORT:-18086}
work=$(mktemp -d)
. "$here/corpus-server.sh"
start_corpus_server text
start=$(date +%s)
load_corpus
url="$url/fhir"
echo "loaded $copies copies in $(( $(date +%s) - start )) s; database: $db"
count() { curl -sf "$url/$1?_summary=count" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("total"))'; }
echo "Observation: $(count Observation)  Patient: $(count Patient)  CarePlan: $(count CarePlan)  all: $(curl -sf "$url?_summary=count" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("total"))')"
patient=$(curl -sf "$url/Patient?_count=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entry"][0]["resource"]["id"])')
queries=(
  "Patient?_text=synthea&_count=20"
  "CarePlan?_text=physical%20therapy&_count=20"
  "CarePlan?_text=zzzz"
  "Patient?_content=synthea&_count=20"
  "Observation?_content=hemoglobin&_count=20"
  "Observation?_content=zzzz&_count=20"
  "Observation?_content=zzzz&_count=20&_total=none"
  "Patient?_content=zzzz"
  "Observation?subject=Patient/$patient&_content=body&_count=20"
  "Observation?code=http://loinc.org|718-7&_content=zzzz"
)
for q in "${queries[@]}"; do
  curl -s -o /dev/null "$url/$q"; curl -s -o /dev/null "$url/$q"
  times=$(for _ in $(seq 1 "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' "$url/$q"; done | sort -n)
  median=$(echo "$times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]*1000}')
  max=$(echo "$times" | tail -1 | awk '{print $1*1000}')
  total=$(curl -s "$url/$q&_total=accurate" | python3 -c 'import json,sys; b=json.load(sys.stdin); print(b.get("total", b.get("resourceType")))')
  printf '%-70s median %8.1f ms  max %8.1f ms  total %s\n' "$q" "$median" "$max" "$total"
done

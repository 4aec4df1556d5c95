#!/usr/bin/env bash
# Search latency and throughput over >= 100,000 resources: loads the Synthea corpus COPIES times (every load
# gets new server-assigned ids, so the copies are distinct resources), then runs wrk per query kind and for
# the whole mix. Usage: tests/load/search.sh sqlite|postgres [copies] [seconds] [connections]
#   SEARCH_DB=/path/fhirai.db reuses that SQLite database when it exists (no load), otherwise loads into it and keeps it;
#   SEARCH_PG_DB=name does the same for a PostgreSQL database (kept; drop it yourself);
#   KINDS="token string ..." limits the query kinds (default: all, then the mix).
#   build first: dotnet publish src/FhirAi.Server -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /tmp/fhirai-r2r
#   postgres needs FHIRAI_BENCH_POSTGRES_URI (psql URI, admin) and FHIRAI_BENCH_POSTGRES_ADMIN (Npgsql string without Database).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundles=$(cd "$here/../../../shared/data/synthea/bundles" && pwd)
provider=${1:-sqlite}
copies=${2:-10}
seconds=${3:-10}
connections=${4:-8}
server=${FHIRAI_SERVER_DLL:-/tmp/fhirai-r2r/FhirAi.Server.dll}
port=${PORT:-18085}
work=$(mktemp -d)
. "$here/corpus-server.sh"
start_corpus_server search

start=$(date +%s)
load_corpus
total=$(curl -sf "$url/fhir?_type=Patient,Observation,Encounter,Condition,Claim,ExplanationOfBenefit,Immunization,Procedure,MedicationRequest,DiagnosticReport,CarePlan,Organization,Practitioner,Goal,AllergyIntolerance,ImagingStudy&_summary=count" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("total","?"))' || echo "?")
echo "loaded $copies copies of the corpus in $(( $(date +%s) - start )) s; resources: $total"

# Sample real ids and names for the queries.
curl -sf "$url/fhir/Patient?_count=200" | python3 -c '
import json, sys
bundle = json.load(sys.stdin)
for e in bundle.get("entry", []):
    r = e["resource"]
    if r["resourceType"] == "Patient":
        print(r["id"], r["name"][0]["family"][:4])' >"$work/patients"

kinds=${KINDS:-"token date string reference chain has include revinclude sort"}
while read -r id family; do
  echo "/fhir/Observation?code=http://loinc.org|718-7&_count=20" >>"$work/token"
  echo "/fhir/Observation?subject=Patient/$id&code=http://loinc.org|29463-7" >>"$work/token"
  echo "/fhir/Observation?date=ge2018-01-01&date=lt2018-02-01&_count=20" >>"$work/date"
  echo "/fhir/Encounter?subject=Patient/$id&date=ge2010&_count=20" >>"$work/date"
  echo "/fhir/Patient?family=$family" >>"$work/string"
  echo "/fhir/Observation?subject=Patient/$id&_count=20" >>"$work/reference"
  echo "/fhir/Observation?subject:Patient.family=$family&code=http://loinc.org|8302-2&_count=20" >>"$work/chain"
  echo "/fhir/Patient?_has:Condition:subject:code=http://snomed.info/sct|44054006&family=$family" >>"$work/has"
  echo "/fhir/Encounter?subject=Patient/$id&_include=Encounter:subject&_include=Encounter:service-provider&_count=20" >>"$work/include"
  echo "/fhir/Patient?_id=$id&_revinclude=Condition:subject&_revinclude=AllergyIntolerance:patient" >>"$work/revinclude"
  echo "/fhir/Observation?subject=Patient/$id&_sort=-date&_count=20" >>"$work/sort"
done <"$work/patients"
cat $(for k in $kinds; do echo "$work/$k"; done) | shuf --random-source=<(yes) >"$work/mix"

for kind in $kinds mix; do
  # every query of the kind must answer 200 before it is timed
  bad=$(while read -r path; do curl -s -o /dev/null -w '%{http_code}\n' "$url$path"; done <"$work/$kind" | grep -vc '^200$' || true)
  SEARCH_PATHS="$work/$kind" wrk -t2 -c"$connections" -d2s -s "$here/search.lua" "$url" >/dev/null
  result=$(SEARCH_PATHS="$work/$kind" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/search.lua" "$url")
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$result" | awk '/Non-2xx/ {print $5}')
  printf '%-11s %9s req/s  p50 %8s  p99 %8s  non-2xx %s  failing queries %s\n' "$kind" "$rps" "$p50" "$p99" "${non2xx:-0}" "$bad"
done

#!/bin/bash
# Latency of the join queries of docs/search.md against a server holding the first 20 Synthea bundles.
# usage: tests/load/join-latency.sh http://127.0.0.1:8080/fhir  -> median and max of 20 runs per query (after 2 warm-ups)
B=$1
q() { name=$1; shift; for i in 1 2; do curl -s -o /dev/null -G "$B/$@" ; done
  for i in $(seq 20); do curl -s -o /dev/null -w "%{time_total}\n" -G "$B/$@"; done | sort -n | awk -v n="$name" '{a[NR]=$1} END {printf "%-28s median %.1f ms  max %.1f ms\n", n, a[10]*1000, a[20]*1000}'; }
q "chain Patient.name+code" Observation --data-urlencode 'subject:Patient.name=Riojas' --data-urlencode 'code=http://loinc.org|8302-2'
q "chain 3 levels" DiagnosticReport --data-urlencode 'result.encounter.patient.birthdate=lt1950'
q "_has" Patient --data-urlencode '_has:Observation:patient:code=http://loinc.org|4548-4'
q "_has nested" Patient --data-urlencode '_has:Encounter:patient:_has:Observation:encounter:code=http://loinc.org|4548-4'
q "_include" MedicationRequest --data-urlencode 'code=http://www.nlm.nih.gov/research/umls/rxnorm|1043400' --data-urlencode '_include=MedicationRequest:patient'
q "_revinclude x2" Patient --data-urlencode 'name=Riojas' --data-urlencode '_revinclude=Condition:patient' --data-urlencode '_revinclude=MedicationRequest:patient'
q "_include:iterate" MedicationRequest --data-urlencode 'code=http://www.nlm.nih.gov/research/umls/rxnorm|1043400' --data-urlencode '_include=MedicationRequest:encounter' --data-urlencode '_include:iterate=Encounter:service-provider'

#!/usr/bin/env python3
"""Independent expectations for the chain / _has / _include / _revinclude query suite over Synthea.

Reads the first BUNDLE_COUNT transaction Bundles (sorted by file name) of ../shared/data/synthea/bundles,
resolves their urn:uuid references inside each Bundle, and evaluates each query of QUERIES by hand-written
Python that follows the R4 search page and the R4 SearchParameter expressions of the few parameters used
(written out in PARAMS below). It shares no code with the server. Output: joins.expected.json beside this
script, with every matching and included resource named "<bundle index>|<fullUrl>"; the C# test
(SyntheaJoinQueryTests) loads the same Bundles, maps those to the ids the server assigned, runs each
query over HTTP and compares.

Run from the repository root:  python3 tests/FhirAi.Server.Tests/SyntheaQueries/joins_expected.py
"""
import glob
import json
import os
import sys
import unicodedata

BUNDLE_COUNT = 20
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
BUNDLES = os.path.join(ROOT, "..", "shared", "data", "synthea", "bundles")

LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"

files = sorted(glob.glob(os.path.join(BUNDLES, "*.json")))[:BUNDLE_COUNT]
# Resources are keyed "<bundle index>|<fullUrl>": a few Organizations and Practitioners appear, with the same
# fullUrl, in several Bundles, and each Bundle's POST creates its own copy on the server.
resources = {}
order = []
for index, path in enumerate(files):
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    for entry in bundle["entry"]:
        key = f"{index}|{entry['fullUrl']}"
        entry["resource"]["_bundle"] = index
        resources[key] = entry["resource"]
        order.append(key)


def of_type(t):
    return [u for u in order if resources[u]["resourceType"] == t]


def refs(source, value):
    """Targets of a Reference or list of References in `source`, resolved inside the source's Bundle."""
    items = value if isinstance(value, list) else [value] if value else []
    keys = [f"{source['_bundle']}|{i.get('reference')}" for i in items if isinstance(i, dict)]
    return [k for k in keys if k in resources]


def is_type(url, t):
    return resources[url]["resourceType"] == t


def codings(concept):
    items = concept if isinstance(concept, list) else [concept] if concept else []
    return [(c.get("system"), c.get("code")) for cc in items for c in cc.get("coding", [])]


def norm(text):
    """R4 string search: case- and accent-insensitive."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def human_names(names):
    out = []
    for n in names or []:
        out += [n.get("family", ""), n.get("text", "")] + n.get("given", []) + n.get("prefix", []) + n.get("suffix", [])
    return [x for x in out if x]


# The R4 SearchParameter expressions of the parameters used, written out by hand.
# Reference parameters return target fullUrls; token parameters (system, code) pairs; strings the texts.
PARAMS = {
    ("Observation", "subject"): lambda r: refs(r, r.get("subject")),
    ("Observation", "patient"): lambda r: [u for u in refs(r, r.get("subject")) if is_type(u, "Patient")],
    ("Observation", "encounter"): lambda r: refs(r, r.get("encounter")),
    ("Observation", "code"): lambda r: codings(r.get("code")),
    ("Encounter", "patient"): lambda r: [u for u in refs(r, r.get("subject")) if is_type(u, "Patient")],
    ("Encounter", "subject"): lambda r: refs(r, r.get("subject")),
    ("Encounter", "service-provider"): lambda r: refs(r, r.get("serviceProvider")),
    ("Encounter", "participant"): lambda r: refs(r, [p.get("individual") for p in r.get("participant", [])]),
    ("Encounter", "type"): lambda r: codings(r.get("type")),
    ("DiagnosticReport", "result"): lambda r: refs(r, r.get("result")),
    ("DiagnosticReport", "subject"): lambda r: refs(r, r.get("subject")),
    ("DiagnosticReport", "patient"): lambda r: [u for u in refs(r, r.get("subject")) if is_type(u, "Patient")],
    ("DiagnosticReport", "encounter"): lambda r: refs(r, r.get("encounter")),
    ("DiagnosticReport", "code"): lambda r: codings(r.get("code")),
    ("MedicationRequest", "patient"): lambda r: [u for u in refs(r, r.get("subject")) if is_type(u, "Patient")],
    ("MedicationRequest", "subject"): lambda r: refs(r, r.get("subject")),
    ("MedicationRequest", "encounter"): lambda r: refs(r, r.get("encounter")),
    ("MedicationRequest", "requester"): lambda r: refs(r, r.get("requester")),
    ("MedicationRequest", "code"): lambda r: codings(r.get("medicationCodeableConcept")),
    ("Condition", "patient"): lambda r: [u for u in refs(r, r.get("subject")) if is_type(u, "Patient")],
    ("Condition", "subject"): lambda r: refs(r, r.get("subject")),
    ("Condition", "encounter"): lambda r: refs(r, r.get("encounter")),
    ("Condition", "code"): lambda r: codings(r.get("code")),
    ("Patient", "name"): lambda r: human_names(r.get("name")),
    ("Patient", "gender"): lambda r: [("http://hl7.org/fhir/administrative-gender", r["gender"])] if "gender" in r else [],
    ("Patient", "birthdate"): lambda r: [r["birthDate"]] if "birthDate" in r else [],
    ("Organization", "name"): lambda r: [r.get("name", "")] + r.get("alias", []),
    ("Practitioner", "name"): lambda r: human_names(r.get("name")),
}


def value(url, code):
    return PARAMS[(resources[url]["resourceType"], code)](resources[url])


def token(url, code, wanted):
    system, _, c = wanted.rpartition("|") if "|" in wanted else (None, None, wanted)
    return any(c == vc and (system is None or system == vs) for vs, vc in value(url, code))


def string(url, code, wanted):
    return any(norm(v).startswith(norm(wanted)) for v in value(url, code))


def date_lt(url, code, year):
    return any(v < f"{year}-01-01" for v in value(url, code))


def refers(url, code, targets):
    return any(t in targets for t in value(url, code))


def referenced(urls, code):
    """Targets of parameter `code` of the given resources (a forward _include)."""
    return {t for u in urls for t in value(u, code)}


def referencing(t, code, targets):
    """Resources of type t whose `code` points into targets (a _revinclude / _has)."""
    return {u for u in of_type(t) if refers(u, code, targets)}


def pick(candidates, what):
    if not candidates:
        sys.exit(f"no candidate for {what}")
    return sorted(candidates)[0]


# Values chosen from the data so that each query selects a proper, non-empty subset.
first_patient = of_type("Patient")[0]
family = resources[first_patient]["name"][0]["family"]
patients = set(of_type("Patient"))
females = {p for p in patients if token(p, "gender", "female")}
lipid = f"{LOINC}|57698-3"
hba1c_patients = {p for p in patients if referencing("Observation", "patient", {p}) and any(token(o, "code", f"{LOINC}|4548-4") for o in referencing("Observation", "patient", {p}))}
med_codes = sorted({c for m in of_type("MedicationRequest") for s, c in value(m, "code") if s == RXNORM})
med_code = next(c for c in med_codes if 1 < len({p for m in of_type("MedicationRequest") if token(m, "code", c) for p in value(m, "patient")}) < len(patients))
condition_codes = sorted({c for x in of_type("Condition") for s, c in value(x, "code") if s == SNOMED})
condition_code = next(c for c in condition_codes
                      if 1 < len({p for x in of_type("Condition") if token(x, "code", f"{SNOMED}|{c}") for p in value(x, "patient")}) < len(patients) // 2)
org_names = sorted({resources[o]["name"] for o in of_type("Organization")})


def encounters_at(n):
    return {e for e in of_type("Encounter") if any(string(o, "name", n) for o in value(e, "service-provider"))}


def heights_at(n):
    return [o for o in of_type("Observation") if token(o, "code", f"{LOINC}|8302-2") and refers(o, "encounter", encounters_at(n))]


def female_meds_at(n):
    return [m for m in of_type("MedicationRequest") if refers(m, "patient", females) and refers(m, "encounter", encounters_at(n))]


org = next(n for n in org_names if heights_at(n) and female_meds_at(n) and len(encounters_at(n)) < len(of_type("Encounter")) // 4)
check_up = f"{SNOMED}|185349003"


def q(name, query, matches, included=()):
    matches = set(matches)
    included = set(included) - matches
    return {"name": name, "query": query, "matches": sorted(matches), "included": sorted(included)}


def patients_named(n):
    return {p for p in patients if string(p, "name", n)}


observations = of_type("Observation")
reports = of_type("DiagnosticReport")
meds = of_type("MedicationRequest")
encounters = of_type("Encounter")
named = patients_named(family)

QUERIES = [
    # Chains
    q("chain with type modifier", f"Observation?subject:Patient.name={family}&code={LOINC}|8302-2",
      [o for o in observations if refers(o, "subject", named) and token(o, "code", f"{LOINC}|8302-2")]),
    q("chain without type modifier", f"Observation?subject.name={family}&code={LOINC}|8302-2",
      [o for o in observations if refers(o, "subject", named) and token(o, "code", f"{LOINC}|8302-2")]),
    q("chain to a token", f"DiagnosticReport?subject:Patient.gender=female&code={lipid}",
      [d for d in reports if refers(d, "subject", females) and token(d, "code", lipid)]),
    q("two-level chain", f"Observation?encounter.service-provider.name={org}&code={LOINC}|8302-2",
      heights_at(org)),
    q("three-level chain", "DiagnosticReport?result.encounter.patient.birthdate=lt1950",
      [d for d in reports if refers(d, "result", {o for o in observations if refers(o, "encounter",
        {e for e in encounters if any(date_lt(p, "birthdate", 1950) for p in value(e, "patient"))})})]),
    q("chain combined with a chain", f"MedicationRequest?patient.gender=female&encounter.service-provider.name={org}",
      female_meds_at(org)),
    # _has
    q("_has", f"Patient?_has:Observation:patient:code={LOINC}|4548-4", hba1c_patients),
    q("_has on a medication", f"Patient?_has:MedicationRequest:patient:code={RXNORM}|{med_code}",
      {p for m in meds if token(m, "code", f"{RXNORM}|{med_code}") for p in value(m, "patient")}),
    q("_has with a normal criterion", f"Patient?gender=female&_has:Condition:patient:code={SNOMED}|{condition_code}",
      {p for x in of_type("Condition") if token(x, "code", f"{SNOMED}|{condition_code}") for p in value(x, "patient")} & females),
    q("nested _has", f"Patient?_has:Encounter:patient:_has:Observation:encounter:code={LOINC}|4548-4",
      {p for e in encounters if referencing("Observation", "encounter", {e}) & {o for o in observations if token(o, "code", f"{LOINC}|4548-4")}
       for p in value(e, "patient")}),
    q("nested _has to organizations", f"Organization?_has:Encounter:service-provider:_has:Condition:encounter:code={SNOMED}|{condition_code}",
      {o for e in encounters if any(token(x, "code", f"{SNOMED}|{condition_code}") for x in referencing("Condition", "encounter", {e}))
       for o in value(e, "service-provider")}),
    q("_has ending in a chain", "Practitioner?_has:Encounter:participant:patient.birthdate=lt1950",
      {pr for e in encounters if any(date_lt(p, "birthdate", 1950) for p in value(e, "patient"))
       for pr in value(e, "participant") if is_type(pr, "Practitioner")}),
]

# Includes
mr = [m for m in meds if token(m, "code", f"{RXNORM}|{med_code}")]
lipid_named = [d for d in reports if token(d, "code", lipid) and refers(d, "subject", named)]
checkups_named = [e for e in encounters if token(e, "type", check_up) and refers(e, "patient", named)]
QUERIES += [
    q("_include", f"MedicationRequest?code={RXNORM}|{med_code}&_include=MedicationRequest:patient", mr, referenced(mr, "patient")),
    q("_include of results", f"DiagnosticReport?code={lipid}&subject:Patient.name={family}&_include=DiagnosticReport:result",
      lipid_named, referenced(lipid_named, "result")),
    q("_include:iterate", f"MedicationRequest?code={RXNORM}|{med_code}&_include=MedicationRequest:encounter&_include:iterate=Encounter:service-provider",
      mr, referenced(mr, "encounter") | referenced(referenced(mr, "encounter"), "service-provider")),
    q("_include with a target type", f"Encounter?patient.name={family}&type={check_up}&_include=Encounter:participant:Practitioner",
      checkups_named, {p for p in referenced(checkups_named, "participant") if is_type(p, "Practitioner")}),
    q("_revinclude", f"Patient?name={family}&_revinclude=Condition:patient&_revinclude=MedicationRequest:patient",
      named, referencing("Condition", "patient", named) | referencing("MedicationRequest", "patient", named)),
    q("_revinclude:iterate", f"Patient?name={family}&_revinclude=DiagnosticReport:patient&_include:iterate=DiagnosticReport:result",
      named, referencing("DiagnosticReport", "patient", named) | referenced(referencing("DiagnosticReport", "patient", named), "result")),
]

for query in QUERIES:
    if not query["matches"]:
        sys.exit(f"{query['name']}: no matches; choose other values")

out = {
    "generatedBy": "tests/FhirAi.Server.Tests/SyntheaQueries/joins_expected.py",
    "bundles": [os.path.basename(f) for f in files],
    "queries": QUERIES,
}
with open(os.path.join(HERE, "joins.expected.json"), "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
for query in QUERIES:
    print(f"{len(query['matches']):5} {len(query['included']):5}  {query['name']}: {query['query']}")

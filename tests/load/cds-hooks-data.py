#!/usr/bin/env python3
"""Writes the CDS Hooks load-test data into a folder, with dates relative to now so that results are "recent":
seed.json (a transaction: a 72-year-old patient, 40 lab Observations over a year, 20 of them in the last 30 days,
including a critical potassium, and a warfarin MedicationRequest), order-sign.json (order-sign with complete prefetch:
warfarin, metformin, atorvastatin, a penicillin allergy, an eGFR; draft ibuprofen), patient-view.json (no prefetch:
read from the store) and patient-view-prefetch.json (the same record as prefetch)."""
import datetime, json, sys, uuid

out = sys.argv[1]
now = datetime.datetime.now(datetime.timezone.utc)
pid = "cds-bench-patient"
rx = "http://www.nlm.nih.gov/research/umls/rxnorm"

def when(days):
    return (now - datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")

def lab(i, loinc, value, unit, days):
    return {"resourceType": "Observation", "id": f"cds-bench-o{i}", "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
            "subject": {"reference": f"Patient/{pid}"}, "effectiveDateTime": when(days),
            "valueQuantity": {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}}

def order(oid, code, name, status):
    return {"resourceType": "MedicationRequest", "id": oid, "status": status, "intent": "order",
            "subject": {"reference": f"Patient/{pid}"},
            "medicationCodeableConcept": {"coding": [{"system": rx, "code": code, "display": name}], "text": name}}

patient = {"resourceType": "Patient", "id": pid, "gender": "male", "birthDate": (now - datetime.timedelta(days=72 * 366)).strftime("%Y-%m-%d")}
panel = [("2823-3", 4.1, "mmol/L"), ("2951-2", 139, "mmol/L"), ("2160-0", 1.1, "mg/dL"), ("718-7", 13.9, "g/dL"),
         ("2345-7", 98, "mg/dL"), ("1742-6", 30, "U/L"), ("2093-3", 190, "mg/dL"), ("2085-9", 45, "mg/dL"),
         ("13457-7", 120, "mg/dL"), ("2571-8", 150, "mg/dL"), ("4548-4", 6.1, "%"), ("777-3", 250, "10*3/uL"),
         ("6690-2", 7.0, "10*3/uL"), ("787-2", 90, "fL"), ("1920-8", 25, "U/L"), ("6768-6", 80, "U/L"),
         ("1975-2", 0.8, "mg/dL"), ("2885-2", 7.0, "g/dL"), ("1751-7", 4.2, "g/dL"), ("3016-3", 2.0, "mIU/L")]
observations = []
for i, (loinc, value, unit) in enumerate(panel):
    observations.append(lab(i, loinc, value, unit, 200))
    recent = value * (1.75 if loinc == "2823-3" else 1.0)
    observations.append(lab(100 + i, loinc, round(recent, 2), unit, 2))
warfarin = order("cds-bench-warfarin", "11289", "warfarin", "active")
seed = {"resourceType": "Bundle", "type": "transaction",
        "entry": [{"resource": r, "request": {"method": "PUT", "url": f"{r['resourceType']}/{r['id']}"}}
                  for r in [patient, warfarin] + observations]}

def searchset(resources):
    return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in resources]}

allergy = {"resourceType": "AllergyIntolerance", "id": "cds-bench-a1", "patient": {"reference": f"Patient/{pid}"},
           "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "active"}]},
           "code": {"coding": [{"system": rx, "code": "7980", "display": "penicillin G"}]}}
egfr = lab(900, "33914-3", 52, "mL/min/{1.73_m2}", 20)
order_sign = {"hook": "order-sign", "hookInstance": str(uuid.uuid4()),
              "context": {"userId": "Practitioner/bench", "patientId": pid,
                          "draftOrders": {"resourceType": "Bundle", "entry": [{"resource": order("cds-bench-draft", "5640", "ibuprofen", "draft")}]}},
              "prefetch": {"patient": patient,
                           "medications": searchset([warfarin, order("cds-bench-m2", "6809", "metformin", "active"), order("cds-bench-m3", "83367", "atorvastatin", "active")]),
                           "statements": searchset([]), "allergies": searchset([allergy]), "renalLabs": searchset([egfr])}}
patient_view = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()), "context": {"userId": "Practitioner/bench", "patientId": pid}}
prefetched = dict(patient_view, prefetch={"patient": patient, "observations": searchset(observations), "conditions": None, "medications": searchset([warfarin])})
for name, body in [("seed.json", seed), ("order-sign.json", order_sign), ("patient-view.json", patient_view), ("patient-view-prefetch.json", prefetched)]:
    with open(f"{out}/{name}", "w") as f:
        json.dump(body, f)

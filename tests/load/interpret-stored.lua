-- wrk: POST DiagnosticReport/bench-report/$interpret (report, 20 results, patient and record read from the store).
wrk.method = "POST"
wrk.path = "/fhir/DiagnosticReport/bench-report/$interpret"

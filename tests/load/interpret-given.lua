-- wrk: POST DiagnosticReport/$interpret with the 20-result panel of interpret-panel.json (nothing stored).
local file = io.open((os.getenv("LOAD_DIR") or ".") .. "/interpret-panel.json", "r")
wrk.method = "POST"
wrk.path = "/fhir/DiagnosticReport/$interpret"
wrk.headers["Content-Type"] = "application/fhir+json"
wrk.body = file:read("*a")
file:close()

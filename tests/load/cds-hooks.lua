-- wrk: POST a CDS Hooks request body (file CDS_BODY) to CDS_PATH (for example /cds-services/fhirai-medication-review).
local file = io.open(os.getenv("CDS_BODY"), "r")
wrk.method = "POST"
wrk.path = os.getenv("CDS_PATH")
wrk.headers["Content-Type"] = "application/json"
wrk.body = file:read("*a")
file:close()

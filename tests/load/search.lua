-- Cycles through the request paths in the file named by SEARCH_PATHS (one per line), starting each thread
-- at a different offset; wrk reports throughput and the latency distribution.
local paths = {}
for line in io.lines(os.getenv("SEARCH_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end
local i = 0
function request()
  i = i + 1
  local path = paths[((i + (offset or 0)) % #paths) + 1]
  return wrk.format("GET", path, { ["Accept"] = "application/fhir+json" })
end

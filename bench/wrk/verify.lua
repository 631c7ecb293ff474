-- GET /api/v1/verify/{digest}, cycling through the digests listed one per line in the file DIGESTS,
-- each thread starting at another place. Needs common.lua beside it.
-- The requests are written once in init(), so request() only picks the next one.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
require("common")

counter = 0
local requests = {}

function init(args)
  for line in io.lines(os.getenv("DIGESTS")) do
    if #line > 0 then table.insert(requests, wrk.format("GET", "/api/v1/verify/" .. line)) end
  end
  assert(#requests > 0, "DIGESTS lists no digest")
  counter = tid * 7919
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

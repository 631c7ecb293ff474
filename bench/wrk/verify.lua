-- GET /api/v1/verify/{digest}, cycling through the digests listed one per line in the file DIGESTS,
-- each thread starting at another place. Needs common.lua beside it.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
require("common")

counter = 0
local digests = {}

function init(args)
  for line in io.lines(os.getenv("DIGESTS")) do
    if #line > 0 then table.insert(digests, line) end
  end
  counter = tid * 7919
end

function request()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/verify/" .. digests[(counter % #digests) + 1])
end

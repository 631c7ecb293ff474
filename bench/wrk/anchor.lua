-- POST /api/v1/documents with one new digest per request: 0x + TAG (8 hex) + thread (8 hex) + counter (48 hex).
-- Environment: KEY (API key), TAG (distinct per scenario). Needs common.lua beside it.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
require("common")

counter = 0
local key, tag

function init(args)
  key = os.getenv("KEY")
  tag = os.getenv("TAG")
end

function request()
  counter = counter + 1
  local body = string.format('{"digest":"0x%s%08x%048x"}', tag, tid, counter)
  return wrk.format("POST", "/api/v1/documents/", { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end

-- POST /api/v1/documents/batch with SIZE new digests per request:
-- 0x + TAG (8 hex) + thread (8 hex) + request counter (32 hex) + position (16 hex).
-- Environment: KEY, TAG, SIZE. Needs common.lua beside it.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
require("common")

counter = 0
local key, tag, size
local parts = {}

function init(args)
  key = os.getenv("KEY")
  tag = os.getenv("TAG")
  size = tonumber(os.getenv("SIZE") or "1000")
end

function request()
  counter = counter + 1
  local prefix = string.format('"0x%s%08x%032x', tag, tid, counter)
  for i = 1, size do
    parts[i] = string.format('%s%016x"', prefix, i - 1)
  end
  local body = '{"digests":[' .. table.concat(parts, ",", 1, size) .. ']}'
  return wrk.format("POST", "/api/v1/documents/batch", { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end

-- GET /api/v1/verify/{line} for the lines of DIGESTS, each a digest with, optionally, its query
-- (0x...?department=HEALTH); every answer that is not a 200 saying "outcome":"valid" is counted in `wrong`.
-- Environment: DIGESTS, THREADS (wrk's -t), ONCE. Needs common.lua beside it.
--   ONCE=1: first verifications. Thread t sends lines t+1, t+1+THREADS, t+1+2*THREADS, ... in order, so no line is
--           sent twice while a thread's share lasts; a thread that runs out starts its share again, which its counter
--           shows (the caller compares it with the share).
--   else:   repeated verifications. Every thread cycles through all lines from a place of its own, as verify.lua.
-- The requests are written once in init(), so request() only picks the next one.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
require("common")

counter = 0
wrong = 0
local requests = {}

function init(args)
  local once = os.getenv("ONCE") == "1"
  local threads = tonumber(os.getenv("THREADS") or "1")
  local n = 0
  for line in io.lines(os.getenv("DIGESTS")) do
    if #line > 0 then
      if not once or n % threads == tid then
        table.insert(requests, wrk.format("GET", "/api/v1/verify/" .. line))
      end
      n = n + 1
    end
  end
  assert(#requests > 0, "DIGESTS lists no digest for this thread")
  if not once then
    counter = tid * 7919
  end
end

function request()
  local r = requests[(counter % #requests) + 1]
  counter = counter + 1
  return r
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"outcome":"valid"', 1, true) then
    wrong = wrong + 1
  end
end

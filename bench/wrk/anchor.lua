-- POST /api/v1/documents with one new digest per request: 0x + TAG (8 hex) + thread (8 hex) + counter (48 hex).
-- Environment: KEY (API key), TAG (distinct per scenario). Needs common.lua beside it.
-- The body has a fixed length, so the headers are written once by wrk.format in init() and each request is a
-- single string.format of the counter into that template.
package.path = debug.getinfo(1, "S").source:match("@?(.*/)") .. "?.lua;" .. package.path
require("common")

counter = 0
local template

function init(args)
  local key = os.getenv("KEY")
  local tag = os.getenv("TAG")
  assert(tag and #tag == 8 and tag:match("^%x+$"), "TAG must be 8 hex digits")
  local lead = string.format('{"digest":"0x%s%08x', tag, tid)
  local body = lead .. string.rep("0", 48) .. '"}'
  local whole = wrk.format("POST", "/api/v1/documents/", { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
  template = (whole:sub(1, #whole - #body) .. lead):gsub("%%", "%%%%") .. '%048x"}'
  assert(string.format(template, 0) == whole, "the request template does not match wrk.format")
end

function request()
  counter = counter + 1
  return string.format(template, counter)
end

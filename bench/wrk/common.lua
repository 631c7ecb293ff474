-- Shared by the EthGov wrk scripts: numbers each wrk thread, and prints one JSON line at the end that
-- `EthGov.LoadTest` reads (latencies in microseconds, per-thread request counters and, for scripts that check
-- answers, per-thread counts of wrong ones).
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local counters = {}
  local wrong = {}
  for _, thread in ipairs(threads) do
    table.insert(counters, tostring(thread:get("counter") or 0))
    table.insert(wrong, tostring(thread:get("wrong") or 0))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,' ..
    '"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%.1f,"counters":[%s],"wrong":[%s]}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    table.concat(counters, ","), table.concat(wrong, ",")))
end

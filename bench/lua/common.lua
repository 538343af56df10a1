-- Shared by the intake benchmark scripts: headers, per-thread ids, and a summary line that
-- bench/intake.sh parses (status counts and latency percentiles in microseconds).
local threads = {}
local thread_counter = 0

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("thread_id", thread_counter)
  table.insert(threads, thread)
end

function init(args)
  seq = 0
  ok = 0
  bad = 0
  wrk.headers["Content-Type"] = "application/json"
  local token = os.getenv("BENCH_TOKEN")
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local ok_total, bad_total = 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + (t:get("ok") or 0)
    bad_total = bad_total + (t:get("bad") or 0)
  end
  io.write(string.format("BENCH ok=%d bad=%d errors=%d seconds=%.3f p50_us=%d p99_us=%d\n",
    ok_total, bad_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, latency:percentile(50), latency:percentile(99)))
end

function alert(name)
  return '{"labels":{"alertname":"' .. name .. '","team":"bench","severity":"warning","instance":"host-1"},' ..
         '"annotations":{"summary":"benchmark alert"}}'
end

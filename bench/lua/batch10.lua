-- (c) batches of ten new alerts per request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local run = os.getenv("BENCH_RUN") or "r"
request = function()
  local parts = {}
  for i = 1, 10 do
    seq = seq + 1
    parts[i] = alert("Batch-" .. run .. "-" .. thread_id .. "-" .. seq)
  end
  return wrk.format("POST", nil, nil, "[" .. table.concat(parts, ",") .. "]")
end

-- (b) a new alert on every request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local run = os.getenv("BENCH_RUN") or "r"
request = function()
  seq = seq + 1
  return wrk.format("POST", nil, nil, "[" .. alert("Bench-" .. run .. "-" .. thread_id .. "-" .. seq) .. "]")
end

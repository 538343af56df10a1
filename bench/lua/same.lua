-- (a) the same alert re-posted on every request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local body = "[" .. alert("BenchSame") .. "]"
request = function()
  return wrk.format("POST", nil, nil, body)
end

-- wrk script: POST the body file given in BODY_FILE with the Bearer token in TOKEN (when set). Prints one
-- RESULT line for bench/run.sh. With STATUSES=1 it also counts the non-2xx answers by status and keeps the first
-- one's body (a per-response hook, so off during measured runs).
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

if os.getenv("STATUSES") == "1" then
  statuses = {}
  first = ""
  response = function(status, headers, body)
    if status < 200 or status > 299 then
      statuses[status] = (statuses[status] or 0) + 1
      if first == "" then first = string.sub(body or "", 1, 200) end
    end
  end
end

done = function(summary, latency, requests)
  -- rps counts 2xx answers only; requests, errors (socket) and non2xx are totals
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d non2xx=%d\n",
    (summary.requests - summary.errors.status) / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
  if os.getenv("STATUSES") == "1" then
    local total, sample = {}, ""
    for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get("statuses") or {}) do total[status] = (total[status] or 0) + n end
      if sample == "" then sample = thread:get("first") or "" end
    end
    local parts = {}
    for status, n in pairs(total) do table.insert(parts, status .. ":" .. n) end
    io.write("STATUSES " .. table.concat(parts, ",") .. " first=" .. string.gsub(sample, "%s+", "_") .. "\n")
  end
end

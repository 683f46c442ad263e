-- wrk script: POST /plan with a JSON body, and one machine-readable summary line at the end.
--   wrk -s scripts/bench/post-plan.lua URL/plan [-- 'torch torchvision torchaudio']
-- The machine is the one every benchmark plans for: Linux x86_64, glibc 2.35, cp312, NVIDIA driver 570.86.10.

local requirements = { "torch" }

function init(args)
  if #args > 0 then
    requirements = {}
    for name in string.gmatch(table.concat(args, " "), "%S+") do
      table.insert(requirements, name)
    end
  end
end

function request()
  local quoted = {}
  for _, name in ipairs(requirements) do
    table.insert(quoted, '"' .. name .. '"')
  end
  local body = '{"requirements":[' .. table.concat(quoted, ",") .. '],"python":"cp312",'
    .. '"platform":{"os":"linux","arch":"x86_64","glibc":"2.35"},'
    .. '"gpu":{"vendor":"nvidia","driverVersion":"570.86.10"}}'
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  -- wrk counts answers outside 2xx/3xx in errors.status; socket errors separately
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f plans_per_second=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f "
      .. "non_2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end

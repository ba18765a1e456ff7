-- Paces each wrk connection: a fixed pause before every request, so that the offered rate is about
-- connections * 1000 / (PACE_MS + latency) requests per second instead of as fast as possible.
local pace = tonumber(os.getenv("PACE_MS") or "10")
function delay()
  return pace
end

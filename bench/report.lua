-- wrk script for bench/run.py: counts answers that are not 2xx and those that
-- are 5xx in every thread, and prints one line of JSON the bench reads.
-- Latencies are in microseconds (wrk's unit).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_2xx = 0
  server_errors = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local bad, fives = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_2xx")
    fives = fives + thread:get("server_errors")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "p50_us": %d, '
      .. '"p95_us": %d, "p99_us": %d, "max_us": %d, "not_2xx": %d, '
      .. '"server_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max, bad, fives,
    e.connect + e.read + e.write + e.timeout
  ))
end

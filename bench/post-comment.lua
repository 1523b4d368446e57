-- wrk script: each request posts a new comment (unique email and text, so
-- none is a duplicate) with a valid form token from the environment.
local token = os.getenv("BENCH_TOKEN")
-- Distinguishes concurrent or successive runs, whose comments would
-- otherwise repeat one another (and be refused as double submits).
local prefix = os.getenv("BENCH_PREFIX") or ""
local path = os.getenv("BENCH_PATH") .. "/comments"
local threads = 0
local counter = 0


function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function request()
  counter = counter + 1
  local who = prefix .. (id or 0) .. "-" .. counter
  local body = "name=Reader+" .. who .. "&email=r" .. who .. "%40example.org&body=Comment+number+" .. who
    .. "+on+the+ceasefire+talks.&token=" .. token
  -- Each comment from a reader of its own (the server trusts loopback as
  -- its proxy), so the per-address limits apply as they would to readers.
  local n = (id or 0) * 1000000 + counter
  local reader = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = reader,
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("posted: %d, errors: status %d, connect %d, read %d, write %d, timeout %d\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end

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
  return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("posted: %d, errors: status %d, connect %d, read %d, write %d, timeout %d\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end

-- wrk script: each request saves the same article from the newsroom's
-- editor (a new body each time, so each save is a real revision), with the
-- session cookie and CSRF token from the environment.
local path = os.getenv("BENCH_PATH")
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
local counter = 0

function setup(thread)
  thread:set("id", math.random(1000000))
end

function request()
  counter = counter + 1
  local body = "csrf=" .. csrf .. "&intent=save&language=en&section=world&slug=bench-story"
    .. "&headline=Ministers+meet+in+Havana&dateline_place=Havana&dateline_agency=RHC"
    .. "&tags=Diplomacy%2C+Caribbean&body=Revision+" .. (id or 0) .. "-" .. counter
    .. "+of+the+story.%0A%0AThe+ministers+spoke+for+two+hours."
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("saved: %d, errors: status %d, connect %d, read %d, write %d, timeout %d\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end

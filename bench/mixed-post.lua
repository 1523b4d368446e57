-- wrk script: a steady trickle of reader comments, MIXED_POST_RATE a second
-- in all (run it with -t1 and -c MIXED_POST_CONNECTIONS: the connections
-- share this state). MIXED_FORMS names a file of "PATH TOKEN" lines, an
-- article and a comment-form token served with it; the comments go round
-- those articles, each with its own name, email and text (so none is
-- refused as a double submit).
local forms = {}
local prefix = os.getenv("MIXED_PREFIX") or ""
local rate = tonumber(os.getenv("MIXED_POST_RATE") or "5")
local connections = tonumber(os.getenv("MIXED_POST_CONNECTIONS") or "1")
local counter = 0
local started = nil
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  for line in io.lines(os.getenv("MIXED_FORMS")) do
    local path, token = line:match("^(%S+) (%S+)$")
    if path then forms[#forms + 1] = { path = path, token = token } end
  end
  seen_303 = 0
  seen_other = 0
end

-- Each connection waits its share of a second between posts; when answers
-- were slow and the count fell behind the clock (whole seconds: all Lua
-- has), the next posts go at once until it catches up.
function delay()
  if started ~= nil and counter < rate * (os.time() - started) then
    return 0
  end
  return 1000 * connections / rate
end

function request()
  started = started or os.time()
  counter = counter + 1
  local form = forms[(counter - 1) % #forms + 1]
  local who = prefix .. (id or 0) .. "-" .. counter
  local body = "name=Reader+" .. who .. "&email=m" .. who .. "%40example.org&body=Comment+"
    .. who .. "+from+a+reader+during+the+working+day.&token=" .. form.token
  return wrk.format("POST", form.path .. "/comments",
    { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  if status == 303 then seen_303 = seen_303 + 1 else seen_other = seen_other + 1 end
end

function done(summary, latency, reqs)
  local ok, other = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + t:get("seen_303")
    other = other + t:get("seen_other")
  end
  io.write(string.format("posted: %d, 303: %d, other: %d, errors: connect %d, read %d, timeout %d\n",
    summary.requests, ok, other, summary.errors.connect, summary.errors.read, summary.errors.timeout))
end

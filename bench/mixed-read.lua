-- wrk script: readers of a news site. bench/mixed.sh writes two files:
--   MIXED_PATHS  the site's pages, one path a line (fronts, section pages,
--                then articles, newest first)
--   MIXED_SEQ    the order readers ask for them in, one line number of
--                MIXED_PATHS a line, drawn Zipf-fashion beforehand
-- Every thread walks the same sequence from its own starting point, so each
-- phase of a run asks for the same pages in the same proportions, and the
-- per-request work here is an index and a counter (no sampling in Lua).
local requests = {}
local seq = {}
local threads = 0
local pos = nil

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  for path in io.lines(os.getenv("MIXED_PATHS")) do
    requests[#requests + 1] = wrk.format("GET", path)
  end
  for n in io.lines(os.getenv("MIXED_SEQ")) do
    seq[#seq + 1] = tonumber(n)
  end
end

function request()
  if pos == nil then
    -- Threads start a seventh of the sequence apart (any spacing will do:
    -- what matters is that they do not ask for the same page in lockstep).
    pos = ((id or 1) - 1) * math.floor(#seq / 7) % #seq
  end
  pos = pos % #seq + 1
  return requests[seq[pos]]
end

function done(summary, latency, reqs)
  io.write(string.format("non-2xx/3xx: %d, errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end

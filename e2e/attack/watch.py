"""The gate's two watchers, run as a process of their own so that the
attacking threads (and Python's interpreter lock) cannot delay them:

- every 50 ms, the server's VmRSS and VmHWM from /proc/PID/status;
- every 50 ms, GET /healthz on a connection of its own (opened again when
  the server drops it), and how long the answer took.

Usage: watch.py PID HOST PORT LOG. Each sample is one line of LOG:
  r <unix time> <VmRSS kB> <VmHWM kB>
  h <unix time> <milliseconds> <status, 0 for an error>
The attack reads the lines of each class's time window. Stops when the
server process is gone or when it is killed.
"""
import http.client
import os
import sys
import threading
import time

EVERY = 0.05
HEALTH_TIMEOUT = 2.0


def status_of(pid):
    """(VmRSS kB, VmHWM kB), or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            text = f.read()
    except OSError:
        return None
    values = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def main():
    pid, host, port, log = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    out = open(log, "a", buffering=1)
    lock = threading.Lock()
    alive = threading.Event()
    alive.set()

    def write(line):
        with lock:
            out.write(line + "\n")

    def memory():
        while alive.is_set():
            s = status_of(pid)
            if s is None:
                alive.clear()
                return
            write(f"r {time.time():.3f} {s[0]} {s[1]}")
            time.sleep(EVERY)

    def health():
        conn = None
        while alive.is_set():
            start = time.monotonic()
            status = 0
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, port, timeout=HEALTH_TIMEOUT)
                conn.request("GET", "/healthz")
                r = conn.getresponse()
                r.read()
                status = r.status
                if r.getheader("connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except Exception:
                if conn is not None:
                    conn.close()
                conn = None
            ms = (time.monotonic() - start) * 1000
            write(f"h {time.time():.3f} {ms:.1f} {status}")
            time.sleep(max(0.0, EVERY - (time.monotonic() - start)))

    threads = [threading.Thread(target=memory, daemon=True), threading.Thread(target=health, daemon=True)]
    for t in threads:
        t.start()
    try:
        while alive.is_set():
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass


def samples(log, since, until):
    """The samples of a window: (rss kB list, hwm kB list, health [(ms, status)])."""
    rss, hwm, health = [], [], []
    try:
        lines = open(log).read().splitlines()
    except OSError:
        return rss, hwm, health
    for line in lines:
        parts = line.split()
        if len(parts) != 4:
            continue
        t = float(parts[1])
        if t < since or t > until:
            continue
        if parts[0] == "r":
            rss.append(int(parts[2]))
            hwm.append(int(parts[3]))
        elif parts[0] == "h":
            health.append((float(parts[2]), int(parts[3])))
    return rss, hwm, health


if __name__ == "__main__":
    if os.geteuid() == 0:
        os.nice(-5)  # the watcher is served before the attacking client
    main()

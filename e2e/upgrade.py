"""A rolling upgrade under load, on one PostgreSQL database (see upgrade.sh).

Timeline:
  1. the previous release migrates the empty database, files the seed story,
     lifts the comment limits and serves on PORT (node A);
  2. writers post reader comments to A; readiness is polled on every node;
  3. this release runs `migrate --check`, then `migrate`, while A serves;
  4. this release serves on PORT+1 (node B); writers post to both;
  5. A is stopped (SIGTERM) as the last step of the rollout; writers go on
     posting to B, then B stops.
Passes when A and B answered /readyz 200 to every poll while they served,
each node acknowledged comments (303), and every acknowledged comment is in
the database exactly once.
"""

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PREVIOUS = os.environ["PREVIOUS_BIN"]
CURRENT = os.environ["CURRENT_BIN"]
DATABASE = os.environ["DATABASE_URL"]
WORK = os.environ["WORK"]
SEED = os.environ["SEED"]
PORT = int(os.environ["PORT"])
ARTICLE = "/en/world/2016/10/04/u-s-suspends-negotiations-with-russia-over-syria-ceasefire"
WRITERS_PER_NODE = 3

failures = []


def ok(what):
    print(f"ok - {what}", flush=True)


def bad(what):
    print(f"not ok - {what}", flush=True)
    failures.append(what)


def clean_env():
    # The operator's settings of the shell running the gate are not the
    # site's: every store setting is passed as a flag.
    return {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}


def store_args(node):
    return ["--data-dir", os.path.join(WORK, node), "--database-url", DATABASE]


def run(binary, node, *args, after=()):
    """`binary ARGS --data-dir … --database-url … AFTER`."""
    return subprocess.run(
        [binary, *args, *store_args(node), *after],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def status_of(url, data=None, timeout=5):
    try:
        with opener.open(url, data=data, timeout=timeout) as res:
            res.read()
            return res.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, OSError):
        return 0


def fetch(url):
    with opener.open(url, timeout=10) as res:
        return res.read().decode()


class Node:
    def __init__(self, name, binary, port):
        self.name, self.binary, self.port = name, binary, port
        self.base = f"http://127.0.0.1:{port}"
        self.log = open(os.path.join(WORK, f"{name}.log"), "w")
        self.process = subprocess.Popen(
            [binary, "serve", "--listen", f"127.0.0.1:{port}", "--no-demo", *store_args(name)],
            env=clean_env(),
            stdout=self.log,
            stderr=self.log,
        )
        self.serving = True
        self.polls, self.unready = 0, []
        self.acked, self.refused, self.lost_answers = [], {}, 0
        self.lock = threading.Lock()

    def wait_ready(self, within=30):
        deadline = time.time() + within
        while time.time() < deadline:
            if status_of(self.base + "/readyz") == 200:
                return True
            time.sleep(0.1)
        return False

    def stop(self):
        # Writers and the poller stop counting this node first: a refusal
        # during its own shutdown is the rollout, not a fault.
        self.serving = False
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            bad(f"node {self.name} did not stop within 30 s of SIGTERM")
        self.log.close()


def poll_readiness(node, until):
    while not until.is_set() and node.serving:
        code = status_of(node.base + "/readyz", timeout=2)
        if node.serving:
            node.polls += 1
            if code != 200:
                node.unready.append((round(time.time(), 1), code))
        time.sleep(0.1)


def form_token(node):
    page = fetch(node.base + ARTICLE)
    found = re.search(r'name="token" value="([^"]+)"', page)
    if not found:
        raise RuntimeError(f"no comment form on {node.name}'s article page")
    return found.group(1)


def write(node, writer, until):
    token = form_token(node)
    i = 0
    while not until.is_set() and node.serving:
        i += 1
        body = f"Upgrade {node.name} writer {writer} comment {i}"
        form = urllib.parse.urlencode(
            {"name": "Reader", "email": f"{node.name}{writer}-{i}@example.org", "body": body, "token": token}
        ).encode()
        code = status_of(node.base + ARTICLE + "/comments", data=form, timeout=10)
        with node.lock:
            if code == 303:
                node.acked.append(body)
            elif code == 0 and not node.serving:
                node.lost_answers += 1
            else:
                node.refused[code] = node.refused.get(code, 0) + 1


def start_load(node, until):
    threads = [threading.Thread(target=poll_readiness, args=(node, until), daemon=True)]
    threads += [
        threading.Thread(target=write, args=(node, w, until), daemon=True) for w in range(WRITERS_PER_NODE)
    ]
    for t in threads:
        t.start()
    return threads


def said(out):
    return (out.stdout + out.stderr).strip().replace("\n", " | ")


def main():
    for node in ("a", "b"):
        os.makedirs(os.path.join(WORK, node), exist_ok=True)

    # 1. The previous release's site.
    out = run(PREVIOUS, "a", "migrate")
    if out.returncode != 0:
        bad(f"the previous release's migrate: {said(out)}")
        return
    out = run(PREVIOUS, "a", "import", "wire", "--section", "world", "--year", "2016", SEED)
    if out.returncode != 0:
        bad(f"the previous release's import: {said(out)}")
        return
    for key, value in (
        ("comments.min_seconds", "0"),
        ("comments.rate_per_address", "1000000"),
        ("comments.rate_per_email", "1000000"),
        ("comments.per_form", "1000000"),
    ):
        out = run(PREVIOUS, "a", "settings", after=("set", key, value))
        if out.returncode != 0:
            bad(f"the previous release's settings set {key}: {said(out)}")
            return
    a = Node("a", PREVIOUS, PORT)
    b = None
    stop_all = threading.Event()
    threads = []
    try:
        if not a.wait_ready():
            bad("the previous release's node never became ready")
            return
        threads += start_load(a, stop_all)
        time.sleep(3)

        # 2. This release checks and migrates while A serves.
        check = run(CURRENT, "b", "migrate", "--check")
        if check.returncode in (0, 2):
            ok(f"this release's migrate --check while the previous serves (exit {check.returncode}): {said(check)[:300]}")
        else:
            bad(f"this release's migrate --check: exit {check.returncode}: {said(check)}")
        out = run(CURRENT, "b", "migrate")
        if out.returncode == 0:
            ok(f"this release migrated the database the previous release serves: {said(out)[:300]}")
        else:
            bad(f"this release's migrate: {said(out)}")
            return
        out = run(PREVIOUS, "a", "migrate", "--check")
        if out.returncode == 0:
            ok(f"the previous release's migrate --check says it can serve the migrated schema: {said(out)[:300]}")
        else:
            bad(f"the previous release's migrate --check after the migration: exit {out.returncode}: {said(out)}")

        # 3. This release beside the previous one.
        b = Node("b", CURRENT, PORT + 1)
        if not b.wait_ready():
            bad("this release's node never became ready")
            return
        threads += start_load(b, stop_all)
        time.sleep(4)

        # 4. The rollout ends: the previous node stops, this one goes on.
        a.stop()
        time.sleep(2)
    finally:
        stop_all.set()
        for t in threads:
            t.join(timeout=15)
        for node in (a, b):
            if node is not None and node.serving:
                node.stop()

    for node, release in ((a, "the previous release"), (b, "this release")):
        if node is None:
            continue
        if node.polls >= 20 and not node.unready:
            ok(f"{release}'s node answered /readyz 200 to all {node.polls} polls while it served")
        else:
            bad(f"{release}'s node: {node.polls} readiness polls, not ready at {node.unready[:10]}")
        if len(node.acked) >= 20:
            ok(f"{release}'s node acknowledged {len(node.acked)} comments (303); other answers: {node.refused or 'none'}")
        else:
            bad(f"{release}'s node acknowledged only {len(node.acked)} comments; other answers: {node.refused}")
        if node.refused:
            bad(f"{release}'s node refused comments while serving: {node.refused}")

    acked = (a.acked if a else []) + (b.acked if b else [])
    query = "SELECT body || '|' || count(*) FROM comments WHERE body LIKE 'Upgrade %' GROUP BY body"
    out = subprocess.run(["psql", "-At", DATABASE, "-c", query], capture_output=True, text=True)
    if out.returncode != 0:
        bad(f"psql could not count the comments: {out.stderr.strip()}")
        return
    counts = {}
    for line in out.stdout.splitlines():
        body, _, n = line.rpartition("|")
        counts[body] = int(n)
    missing = [body for body in acked if body not in counts]
    doubled = {body: n for body, n in counts.items() if n > 1}
    if acked and not missing and not doubled:
        ok(f"every one of the {len(acked)} acknowledged comments is in the database once ({len(counts)} rows in all)")
    else:
        bad(f"{len(missing)} acknowledged comments missing (first: {missing[:3]}), {len(doubled)} doubled")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash of the script is a failure, with its reason
        bad(f"the upgrade run stopped: {e!r}")
    if failures:
        for node in ("a", "b"):
            path = os.path.join(WORK, f"{node}.log")
            if os.path.exists(path):
                print(f"# the last lines of node {node}'s log:")
                with open(path) as f:
                    for line in f.readlines()[-15:]:
                        print("#   " + line.rstrip())
    print(f"{'FAILED' if failures else 'passed'}: e2e/upgrade.sh, {len(failures)} failures")
    sys.exit(1 if failures else 0)

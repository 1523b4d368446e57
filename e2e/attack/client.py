"""HTTP as the attack gate speaks it: the standard library's http.client,
one connection per request unless a Keep is used, no User-Agent (so the
server counts no view for the gate's own reads), identity encoding, and a
chosen loopback source address (127.0.0.0/8 is all the loopback device's,
so each kind of attacker gets an address of its own and the rate limits of
one class do not spill into the next).
"""
import http.client
import re
import secrets
import threading
import time
import urllib.parse

HOST = "127.0.0.1"
PORT = 0


def configure(base):
    """Takes the server's address from a base URL like http://127.0.0.1:18730."""
    global HOST, PORT
    u = urllib.parse.urlsplit(base)
    HOST, PORT = u.hostname, u.port or 80


class Answer:
    """A response read whole: status, headers (lower-case names), body bytes,
    and how long it took; or, when the request failed, the error."""

    def __init__(self, status=0, headers=None, body=b"", seconds=0.0, error=None):
        self.status = status
        self.header_list = headers or []
        self.headers = {}
        for k, v in self.header_list:
            self.headers.setdefault(k.lower(), v)
        self.body = body
        self.seconds = seconds
        self.error = error

    def all(self, name):
        return [v for k, v in self.header_list if k.lower() == name]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def __repr__(self):
        return f"<{self.status or self.error} {len(self.body)} B {self.seconds * 1000:.0f} ms>"


def connect(source=None, timeout=30):
    return http.client.HTTPConnection(HOST, PORT, timeout=timeout,
                                      source_address=(source, 0) if source else None)


def request(method, path, body=None, headers=None, source=None, timeout=30, barrier=None, conn=None):
    """One request on a new connection (or on `conn`, kept open). With a
    barrier, the connection is opened first and the request sent only when
    every party is ready, so that parallel requests really arrive together."""
    own = conn is None
    start = time.monotonic()
    failed = None
    if own:
        try:
            conn = connect(source, timeout)
            conn.connect()
        except Exception as e:
            failed = e
    if barrier is not None:
        # Every party waits, even one that could not connect, so the others
        # are not held.
        try:
            barrier.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass
        start = time.monotonic()
    if failed is not None:
        return Answer(seconds=time.monotonic() - start, error=f"{type(failed).__name__}: {failed}")
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        answer = Answer(r.status, r.getheaders(), data, time.monotonic() - start)
    except Exception as e:  # refused, reset, timed out: the figure is the error
        if not own and conn is not None:
            conn.close()
        return Answer(seconds=time.monotonic() - start, error=f"{type(e).__name__}: {e}")
    finally:
        if own and conn is not None:
            conn.close()
    return answer


def get(path, **kw):
    return request("GET", path, **kw)


def form_body(fields):
    return urllib.parse.urlencode(fields).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def multipart(fields, files):
    """A multipart/form-data body from (name, value) fields and
    (name, filename, content_type, bytes) files: (content type, bytes)."""
    boundary = "----dateline-attack-" + secrets.token_hex(12)
    out = []
    for name, value in fields:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, ctype, data in files:
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                   f"Content-Type: {ctype}\r\n\r\n".encode())
        out.append(data)
        out.append(b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(out)


def multipart_file_stream(fields, name, filename, ctype, path, chunk=1 << 20):
    """Like multipart() for one large file read from disk as it is sent:
    (content type, length, iterator of chunks)."""
    import os
    boundary = "----dateline-attack-" + secrets.token_hex(12)
    head = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                    for k, v in fields)
    head += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
             f"Content-Type: {ctype}\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = len(head) + os.path.getsize(path) + len(tail)

    def chunks():
        yield head
        with open(path, "rb") as f:
            while True:
                block = f.read(chunk)
                if not block:
                    break
                yield block
        yield tail
    return f"multipart/form-data; boundary={boundary}", size, chunks()


def csrf_of(html):
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    return m.group(1) if m else ""


class Browser:
    """A cookie-keeping client from one source address (one person)."""

    def __init__(self, source="127.0.0.1"):
        self.source = source
        self.cookies = {}
        self.lock = threading.Lock()

    def cookie_header(self):
        with self.lock:
            return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def keep(self, answer):
        for value in answer.all("set-cookie"):
            name, _, rest = value.partition("=")
            val = rest.split(";", 1)[0]
            with self.lock:
                if val == "" or re.search(r"max-age=0\b", value, re.I):
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = val
        return answer

    def send(self, method, path, body=None, headers=None, timeout=30, barrier=None, keep=True):
        h = dict(headers or {})
        cookie = self.cookie_header()
        if cookie:
            h["Cookie"] = cookie
        answer = request(method, path, body, h, source=self.source, timeout=timeout, barrier=barrier)
        return self.keep(answer) if keep else answer

    def get(self, path, **kw):
        return self.send("GET", path, **kw)

    def post(self, path, fields, headers=None, **kw):
        return self.send("POST", path, form_body(fields), {**FORM, **(headers or {})}, **kw)

    def post_multipart(self, path, fields, files, **kw):
        ctype, body = multipart(fields, files)
        return self.send("POST", path, body, {"Content-Type": ctype}, **kw)

    def login(self, email, password, next_path="/newsroom/"):
        """Logs in through the form: the login page's token cookie and its
        csrf field, then the email and password."""
        page = self.get("/newsroom/login")
        return self.post("/newsroom/login", {"email": email, "password": password,
                                              "csrf": csrf_of(page.text), "next": next_path})


def parallel(n, work, start_together=True):
    """Runs work(i, barrier) in n threads started at once; the barrier (None
    when not start_together) lets each open its connection before all send.
    Returns the n results in order."""
    results = [None] * n
    barrier = threading.Barrier(n) if start_together else None

    def run(i):
        try:
            results[i] = work(i, barrier)
        except threading.BrokenBarrierError as e:
            results[i] = Answer(error=f"barrier: {e}")
    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def statuses(answers):
    """{status or error kind: count}, for reports."""
    out = {}
    for a in answers:
        key = a.status if a.status else (a.error or "error").split(":")[0]
        out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: str(kv[0])))


def refusal_ok(a):
    """A correct refusal under a flood: 429 (too many from this client), or
    503 with Retry-After (the server's bound is full: come back later)."""
    return a.status == 429 or (a.status == 503 and "retry-after" in a.headers)

#!/usr/bin/env python3
"""End-to-end language server benchmark over stdio, printed as a table.

Starts the real `apigw-lsp` binary (build it first: `cargo build --release`) and measures what
an editor sees, on generated definition files at CloudFormation's 500-resource limit (480 routes
sharing one integration) and past it (1,920 routes, to show the slope):

- a one-character didChange until its publishDiagnostics (debounce 0), p50 and p95;
- completion and hover round trips, and a hover on a small document sent right after an edit
  of the large one (it must not wait for that analysis);
- 481 content changes in one didChange (an editor applying a rename);
- resident memory after 1,200 edits;
- a burst: 50 open 480-route documents and 10,000 edits written as fast as the pipe takes them
  (default debounce): time until the last version of every document is published, and resident
  memory after it and after closing every document;
- `--synth` of the 480-route file as a whole process, and its ratio to aws-cdk-lib.

    python3 scripts/bench_lsp.py [path/to/apigw-lsp] [--rounds 50]
"""
import json
import os
import queue
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BIN = next((a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit()), "target/release/apigw-lsp")
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 50
# aws-cdk-lib synthesizing the same 480-route app (DESIGN.md, measured with ../shared/conformance).
CDK_SECONDS = 2.4
SMALL = ("integrations:\n  Books: { type: HttpUrlIntegration, url: https://books.example.com }\n"
         "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n"
         "      - { path: /books, methods: [GET], integration: Books }\n")


def generated_api(routes):
    text = ("integrations:\n  Backend: { type: HttpUrlIntegration, url: https://backend.example.com }\n"
            "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n")
    for i in range(routes):
        text += f"      - path: /items{i}/{{id}}\n        methods: [GET]\n        integration: Backend\n"
    return text


class Server:
    """The binary over pipes. Latency measures read the replies directly; a burst (`threaded`)
    has a thread read every message into a queue, so that writing never blocks on unread
    output."""

    def __init__(self, debounce_ms, threaded=False):
        self.p = subprocess.Popen([BIN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.id = 0
        self.threaded = threaded
        self.messages = queue.Queue()
        self.held = []  # messages read while waiting for something else
        if threaded:
            threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"capabilities": {}, "initializationOptions": {"debounceMs": debounce_ms}})
        self.notify("initialized", {})

    def _read_one(self):
        out = self.p.stdout
        length = 0
        while True:
            line = out.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(out.read(length))

    def _read(self):
        while (m := self._read_one()) is not None:
            self.messages.put(m)

    def _get(self, timeout):
        return self.messages.get(timeout=timeout) if self.threaded else self._read_one()

    def send(self, message):
        body = json.dumps(message).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        while True:
            m = self._get(60)
            if m.get("id") == self.id and "method" not in m:
                return m
            self.held.append(m)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def next_message(self, timeout):
        return self.held.pop(0) if self.held else self._get(timeout)

    def wait_diagnostics(self, uri, version):
        while True:
            m = self.next_message(120)
            p = m.get("params") or {}
            if m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri and p.get("version") == version:
                return m

    def open(self, uri, text):
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})

    def rss_mib(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.p.wait(timeout=10)


def keystroke(line, round_):
    """`/items240/{id}` -> `/items2400/{id}` and back."""
    return {"range": {"start": {"line": line, "character": 23}, "end": {"line": line, "character": 23 + (round_ % 2)}},
            "text": "0" if round_ % 2 == 0 else ""}


def p50_p95(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return statistics.median(samples) * 1000, p95 * 1000


def typing(routes, rounds, with_requests):
    """Keystrokes on a `routes`-route file; completion and hover after each when asked."""
    uri = f"file:///bench/api{routes}.apigw.yaml"
    small = "file:///bench/small.apigw.yaml"
    text = generated_api(routes)
    s = Server(0)
    s.open(uri, text)
    s.wait_diagnostics(uri, 1)
    s.open(small, SMALL)
    s.wait_diagnostics(small, 1)
    line = next(i for i, l in enumerate(text.splitlines()) if "/items240/" in l)
    change, completion, hover, hover_other = [], [], [], []
    version = 1
    for round_ in range(rounds):
        version += 1
        t = time.perf_counter()
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                             "contentChanges": [keystroke(line, round_)]})
        s.wait_diagnostics(uri, version)
        change.append(time.perf_counter() - t)
        if not with_requests:
            continue
        t = time.perf_counter()
        r = s.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line + 2, "character": 21}})
        completion.append(time.perf_counter() - t)
        assert r.get("result"), r
        t = time.perf_counter()
        r = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 16}})
        hover.append(time.perf_counter() - t)
        assert r.get("result"), r
        # An edit of the large document, then at once a hover on the small one.
        version += 1
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                             "contentChanges": [keystroke(line, round_ + 1)]})
        t = time.perf_counter()
        r = s.request("textDocument/hover", {"textDocument": {"uri": small}, "position": {"line": 3, "character": 3}})
        hover_other.append(time.perf_counter() - t)
        assert r.get("result"), r
        s.wait_diagnostics(uri, version)
    # Up to 1,200 edits in all, then the resident memory.
    for round_ in range(rounds * (3 if with_requests else 1), 1200):
        version += 1
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                             "contentChanges": [keystroke(line, round_)]})
    s.wait_diagnostics(uri, version)
    rss = s.rss_mib()
    # A rename as an editor sends it: every route's `items` becomes `things`, from the end of the
    # file backwards, plus a comment at the top (481 changes in one notification).
    lines = text.splitlines()
    changes = []
    for i in reversed(range(len(lines))):
        col = lines[i].find("/items")
        if col >= 0:
            changes.append({"range": {"start": {"line": i, "character": col + 1}, "end": {"line": i, "character": col + 6}},
                            "text": "things"})
    changes.append({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "# renamed\n"})
    version += 1
    t = time.perf_counter()
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})
    s.wait_diagnostics(uri, version)
    rename = time.perf_counter() - t
    s.close()
    return change, completion, hover, hover_other, rss, rename, len(changes)


def burst(documents=50, edits=10_000):
    s = Server(50, threaded=True)
    text = generated_api(480)
    uris = [f"file:///bench/burst{d}.apigw.yaml" for d in range(documents)]
    for uri in uris:
        s.open(uri, text)
    # Documents are analysed concurrently: their diagnostics arrive in any order.
    opening = set(uris)
    while opening:
        m = s.next_message(120)
        p = m.get("params") or {}
        if m.get("method") == "textDocument/publishDiagnostics" and p.get("version") == 1:
            opening.discard(p.get("uri"))
    before = s.rss_mib()
    line = next(i for i, l in enumerate(text.splitlines()) if "/items240/" in l)
    versions = {uri: 1 for uri in uris}
    t = time.perf_counter()
    for e in range(edits):
        uri = uris[e % documents]
        versions[uri] += 1
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": versions[uri]},
                                             "contentChanges": [keystroke(line, versions[uri])]})
    written = time.perf_counter() - t
    pending = dict(versions)
    while pending:
        m = s.next_message(300)
        p = m.get("params") or {}
        if m.get("method") == "textDocument/publishDiagnostics" and pending.get(p.get("uri")) == p.get("version"):
            del pending[p["uri"]]
    last = time.perf_counter() - t
    after = s.rss_mib()
    for uri in uris:
        s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    s.request("textDocument/hover", {"textDocument": {"uri": uris[0]}, "position": {"line": 0, "character": 0}})
    closed = s.rss_mib()
    s.close()
    return before, after, closed, written, last


def synth_process():
    with tempfile.NamedTemporaryFile("w", suffix=".apigw.yaml", delete=False) as f:
        f.write(generated_api(480))
    out = os.path.join(tempfile.gettempdir(), "apigw-bench-template.json")
    times = []
    for _ in range(40):
        t = time.perf_counter()
        # The file's one warning (routes past API Gateway's quota) goes to stderr: not shown.
        subprocess.run([BIN, "--synth", f.name, "-o", out], check=True, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    timed = subprocess.run(["/usr/bin/time", "-f", "%M", BIN, "--synth", f.name, "-o", out],
                           check=True, capture_output=True, text=True)
    peak = int(timed.stderr.strip().splitlines()[-1]) / 1024
    return statistics.median(times), peak


def main():
    change, completion, hover, hover_other, rss, rename, renamed = typing(480, ROUNDS, True)
    change_1920, *_ = typing(1920, ROUNDS, False)
    before, after, closed, written, last = burst()
    synth_s, synth_peak = synth_process()
    print(f"apigw-lsp over stdio: {ROUNDS} rounds per measure; debounce 0 ms except the burst (50 ms)")
    print()
    print("| measure (480 routes unless said) | measured | target |")
    print("|---|---|---|")
    p50, p95 = p50_p95(change)
    print(f"| keystroke -> publishDiagnostics, p50 / p95 | {p50:.2f} / {p95:.2f} ms | <= 2 / 4 ms |")
    p50, p95 = p50_p95(change_1920)
    print(f"| same at 1,920 routes, p50 / p95 | {p50:.2f} / {p95:.2f} ms | <= 3 ms |")
    print(f"| completion / hover p50 | {p50_p95(completion)[0]:.2f} / {p50_p95(hover)[0]:.2f} ms | <= 0.5 ms |")
    print(f"| hover on another document right after an edit, p50 / p95 | {p50_p95(hover_other)[0]:.2f} / {p50_p95(hover_other)[1]:.2f} ms | <= 0.5 ms |")
    print(f"| {renamed} changes in one didChange -> publishDiagnostics | {rename * 1000:.1f} ms | one parse |")
    print(f"| server RSS after 1,200 edits | {rss:.1f} MiB | <= 25 MiB |")
    print(f"| 50 documents, 10,000 edits: time to last diagnostics (writing took {written:.2f} s) | {last:.2f} s | <= 2 s |")
    print(f"| 50 documents: RSS before / after the burst / after closing all | {before:.0f} / {after:.0f} / {closed:.0f} MiB | <= 150 MiB |")
    print(f"| `--synth` whole process, peak RSS | {synth_s * 1000:.1f} ms, {synth_peak:.1f} MiB | <= 4 ms, <= 8 MiB |")
    print(f"| ratio to aws-cdk-lib (about {CDK_SECONDS} s for the same app) | {CDK_SECONDS / synth_s:,.0f}x faster | |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""End-to-end language server benchmark over stdio, printed as a table.

Starts the real `apigw-lsp` binary (build it first: `cargo build --release`), opens a generated
definition file at CloudFormation's 500-resource limit (480 routes sharing one integration),
then measures round trips as an editor sees them: a one-character didChange until the
published diagnostics, completion, hover; and the server's resident memory (VmRSS).

    python3 scripts/bench_lsp.py [path/to/apigw-lsp] [--routes 480] [--rounds 50]
"""
import json
import os
import statistics
import subprocess
import sys
import time

BIN = next((a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit()), "target/release/apigw-lsp")
ROUTES = int(sys.argv[sys.argv.index("--routes") + 1]) if "--routes" in sys.argv else 480
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 50
URI = "file:///bench/api.apigw.yaml"


def generated_api(routes):
    text = ("integrations:\n  Backend: { type: HttpUrlIntegration, url: https://backend.example.com }\n"
            "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n")
    for i in range(routes):
        text += f"      - path: /items{i}/{{id}}\n        methods: [GET]\n        integration: Backend\n"
    return text


class Server:
    def __init__(self):
        self.p = subprocess.Popen([BIN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def receive(self):
        length = 0
        while True:
            line = self.p.stdout.readline().strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        while True:
            m = self.receive()
            if m.get("id") == self.id and "method" not in m:
                return m

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, version):
        while True:
            m = self.receive()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version:
                return m

    def rss_mib(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")


def ms(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return statistics.median(samples) * 1000, p95 * 1000


def main():
    text = generated_api(ROUTES)
    s = Server()
    s.request("initialize", {"capabilities": {}, "initializationOptions": {"debounceMs": 0}})
    s.notify("initialized", {})
    s.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": text}})
    s.wait_diagnostics(1)
    line = next(i for i, l in enumerate(text.splitlines()) if "/items240/" in l)
    change, completion, hover = [], [], []
    for round_ in range(ROUNDS):
        version = 2 + round_
        t = time.perf_counter()
        s.notify("textDocument/didChange", {
            "textDocument": {"uri": URI, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": 23}, "end": {"line": line, "character": 23 + (round_ % 2)}},
                                "text": "0" if round_ % 2 == 0 else ""}]})
        s.wait_diagnostics(version)
        change.append(time.perf_counter() - t)
        t = time.perf_counter()
        r = s.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": {"line": line + 2, "character": 21}})
        completion.append(time.perf_counter() - t)
        assert r.get("result"), r
        t = time.perf_counter()
        r = s.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": line, "character": 16}})
        hover.append(time.perf_counter() - t)
        assert r.get("result"), r
    rss = s.rss_mib()
    s.request("shutdown", None)
    s.notify("exit", None)
    s.p.wait(timeout=5)
    rows = [
        ("didChange (1 char) -> publishDiagnostics", *ms(change), "< 5 ms"),
        ("completion round trip", *ms(completion), "< 2 ms"),
        ("hover round trip", *ms(hover), "< 2 ms"),
    ]
    print(f"apigw-lsp over stdio, {ROUTES} routes ({len(text)} bytes), {ROUNDS} rounds, debounce 0 ms")
    print()
    print("| measure | median | p95 | target |")
    print("|---|---|---|---|")
    for name, median, p95, target in rows:
        print(f"| {name} | {median:.2f} ms | {p95:.2f} ms | {target} |")
    print(f"| resident memory (VmRSS) after {ROUNDS} edits | {rss:.1f} MiB | | < 50 MiB |")


if __name__ == "__main__":
    main()

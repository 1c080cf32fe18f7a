#!/usr/bin/env python3
"""Whole-process `apigw-lsp --synth` time and peak memory, printed as a table.

Build first (`cargo build --release`), then: python3 scripts/bench_synth.py [path/to/apigw-lsp]
Cases: the bookstore example and a generated API at CloudFormation's 500-resource limit
(480 routes sharing one integration). Targets (DESIGN.md): under 5 ms / 10 MiB for a seed
example, under 30 ms / 30 MiB for the 480-route stack.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/apigw-lsp"
ROUNDS = 40


def generated_api(routes):
    text = ("integrations:\n  Backend: { type: HttpUrlIntegration, url: https://backend.example.com }\n"
            "constructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n")
    for i in range(routes):
        text += f"      - path: /items{i}/{{id}}\n        methods: [GET]\n        integration: Backend\n"
    return text


def measure(path):
    out = os.path.join(tempfile.gettempdir(), "apigw-bench-template.json")
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        # The 480-route file's one warning (routes past API Gateway's quota) is not shown.
        subprocess.run([BIN, "--synth", path, "-o", out], check=True, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    times.sort()
    # Peak RSS of the program itself (GNU time's %M, KiB), not of the forking Python.
    timed = subprocess.run(["/usr/bin/time", "-f", "%M", BIN, "--synth", path, "-o", out],
                           check=True, capture_output=True, text=True)
    peak_kib = int(timed.stderr.strip().splitlines()[-1])
    return statistics.median(times) * 1000, times[int(len(times) * 0.9)] * 1000, peak_kib / 1024


def main():
    with tempfile.NamedTemporaryFile("w", suffix=".apigw.yaml", delete=False) as f:
        f.write(generated_api(480))
        large = f.name
    rows = [("bookstore example", "examples/01-bookstore.apigw.yaml", "< 5 ms, < 10 MiB"),
            ("480 routes (483 resources)", large, "< 30 ms, < 30 MiB")]
    print(f"apigw-lsp --synth as a whole process, {ROUNDS} runs each")
    print()
    print("| input | median | p90 | peak RSS | target |")
    print("|---|---|---|---|---|")
    for name, path, target in rows:
        median, p90, rss = measure(path)
        print(f"| {name} | {median:.2f} ms | {p90:.2f} ms | {rss:.1f} MiB | {target} |")
    os.unlink(large)


if __name__ == "__main__":
    main()

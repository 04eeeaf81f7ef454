"""Load on the CDS Hooks service over loopback: latency (p50, p99) and throughput (a script, not a
test).

    python benchmarks/bench_serve.py [--concurrency 16] [--requests 2000] [--wrk]

Starts ``mpsdose serve`` on a free loopback port (one uvicorn worker, as the command runs), then
sends a fixed number of order-sign requests from concurrent asyncio clients (httpx, one
connection each, kept alive): a draft hydromorphone order with two active orders, a patient with
age, weight and creatinine clearance in the prefetch; every answer must be 200 with cards. Prints
the latency percentiles of the answers and the requests per second, and with ``--wrk`` the same
load from Debian's ``wrk`` (if installed) for a second opinion. Traffic goes to 127.0.0.1 only;
the loop is bounded by the request count and a time limit, and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.cds import medication_request, request  # noqa: E402

SIGN = "/cds-services/mpsdose-order-sign"
TIME_LIMIT_S = 120.0


def body() -> dict:
    active = [medication_request("mo0", "morphine", 30, every_h=12, status="active",
                                 text="morphine er 30 mg po q12h"),
              medication_request("ap0", "acetaminophen", 1000, every_h=6, status="active")]
    drafts = [medication_request("hm1", "hydromorphone", 2, every_h=4, route="sc",
                                 text="hydromorphone 2 mg sc q4h"),
              medication_request("hm2", "hydromorphone", 1, every_h=2, route="sc", prn=True,
                                 text="hydromorphone 1 mg sc q2h prn")]
    return request("order-sign", drafts, active=active, born="1941-06-01", crcl=35, weight=58)


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from mpsdose.cli import main; main()", "serve",
               "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


async def load(base: str, concurrency: int, total: int) -> tuple[list[float], float]:
    payload = json.dumps(body()).encode()
    latencies: list[float] = []
    remaining = total
    stop = time.monotonic() + TIME_LIMIT_S

    async def client() -> None:
        nonlocal remaining
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            while remaining > 0 and time.monotonic() < stop:
                remaining -= 1
                start = time.perf_counter()
                response = await http.post(SIGN, content=payload,
                                           headers={"content-type": "application/json"})
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200 or not response.json()["cards"]:
                    raise SystemExit(f"unexpected answer {response.status_code}")

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    return latencies, time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_wrk(base: str, concurrency: int) -> None:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk: not installed (apt-get install wrk)")
        return
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "post.lua"
        script.write_text('wrk.method = "POST"\nwrk.headers["Content-Type"] = '
                          '"application/json"\nwrk.body = ' + json.dumps(json.dumps(body())) + "\n")
        out = subprocess.run([wrk, "-t2", f"-c{concurrency}", "-d10s", "--latency",
                              "-s", str(script), base + SIGN], capture_output=True, text=True,
                             timeout=60)
    print("wrk, 10 s:")
    print("\n".join("  " + line for line in out.stdout.splitlines()
                    if line.strip() and not line.startswith("Running")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--wrk", action="store_true")
    options = parser.parse_args()
    server, base = start_server()
    try:
        asyncio.run(load(base, 4, 50))  # warm up: first imports and the knowledge's caches
        latencies, elapsed = asyncio.run(load(base, options.concurrency, options.requests))
        print(f"order-sign over loopback, {len(latencies)} requests, {options.concurrency} "
              f"concurrent clients, one server process ({os.cpu_count()} cores):")
        print(f"  latency p50 {percentile(latencies, 0.50) * 1000:.1f} ms, "
              f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms, "
              f"max {max(latencies) * 1000:.1f} ms, mean {statistics.mean(latencies) * 1000:.1f} ms")
        print(f"  throughput {len(latencies) / elapsed:.0f} requests/s")
        if options.wrk:
            run_wrk(base, options.concurrency)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()

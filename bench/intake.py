#!/usr/bin/env python3
"""Intake benchmark: Klaxon's POST /api/v2/alerts against Prometheus Alertmanager's, same run.

Cases (wrk, loopback, 2 threads, 10 connections by default):
  (a) the same alert re-posted, (b) a new alert per request, (c) batches of ten new alerts.
For Klaxon, alerts/s counts alerts fully processed (decoded, fingerprinted, state written,
deliveries queued): the clock runs from the start of wrk until the inbox is drained, so a backlog
left behind is not counted as throughput. Alertmanager keeps alerts in memory and has processed an
alert when it answers. Each server is started fresh for each case; peak RSS is VmHWM.
Then both take 200k distinct open alerts and their resident memory is compared, 10 s after the
last one was processed.

Prints a table and ratios. Usage: bench/intake.py [--duration 10] [--sync normal|full|both]
"""
import argparse, json, os, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchsupport import free_port, wait_http  # noqa: E402
LUA = os.path.join(ROOT, "bench", "lua")
TOKEN = "bench-token"


def rss_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class Server:
    def __init__(self, kind, work, sync="normal", linger=None):
        self.kind, self.work = kind, work
        self.port = free_port()
        os.makedirs(work, exist_ok=True)
        if kind == "klaxon":
            cfg = os.path.join(work, "klaxon.yaml")
            with open(cfg, "w") as f:
                pipeline = f"pipeline:\n  batch_size: 2048\n" + (f"  linger: {linger}\n" if linger is not None else "")
                f.write(f"storage:\n  sync: {sync}\n{pipeline}"
                        "receivers:\n  - name: console\n    console: {}\nroutes:\n  - receivers: [console]\n")
            env = dict(os.environ, KLAXON_INGEST_TOKEN=TOKEN, LOG_LEVEL="warning")
            binary = os.environ.get("KLAXON_BIN", os.path.join(ROOT, ".build", "release", "klaxon"))
            self.proc = subprocess.Popen([binary, "serve", "--config", cfg, "--listen", f"127.0.0.1:{self.port}",
                                          "--data", os.path.join(work, "klaxon.db")], env=env,
                                         stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "stderr"), "w"))
            wait_http(f"http://127.0.0.1:{self.port}/healthz")
        else:
            cfg = os.path.join(work, "am.yml")
            with open(cfg, "w") as f:
                f.write("route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n")
            self.proc = subprocess.Popen(["prometheus-alertmanager", f"--config.file={cfg}",
                                          f"--storage.path={os.path.join(work, 'am')}",
                                          f"--web.listen-address=127.0.0.1:{self.port}", "--cluster.listen-address=",
                                          "--log.level=warn"],
                                         stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "stderr"), "w"))
            wait_http(f"http://127.0.0.1:{self.port}/-/ready")

    def inbox_depth(self):
        if self.kind != "klaxon":
            return 0
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=10) as r:
            for line in r.read().decode().splitlines():
                if line.startswith("klaxon_inbox_depth "):
                    return int(float(line.split()[1]))
        return 0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def run_wrk(server, script, duration, threads, connections, run_id):
    env = dict(os.environ, BENCH_LUA_DIR=LUA, BENCH_RUN=run_id, BENCH_TOKEN=TOKEN if server.kind == "klaxon" else "")
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
                          "-s", os.path.join(LUA, script), f"http://127.0.0.1:{server.port}/api/v2/alerts"],
                         env=env, capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("BENCH "))
    return {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}


def one_case(kind, script, per_request, args, sync, work):
    server = Server(kind, os.path.join(work, f"{kind}-{script}-{sync}"), sync, args.linger)
    try:
        start = time.monotonic()
        result = run_wrk(server, script, args.duration, args.threads, args.connections, f"{kind}{sync}{time.time_ns()}")
        wrk_end = time.monotonic()
        # Processed, not merely accepted: wait for the inbox to drain.
        while server.inbox_depth() > 0:
            time.sleep(0.02)
        end = time.monotonic()
        alerts = result["ok"] * per_request
        return {
            "alerts_per_s": alerts / (end - start),
            "accepted_per_s": alerts / (wrk_end - start),
            "drain_s": end - wrk_end,
            "p50_ms": result["p50_us"] / 1000, "p99_ms": result["p99_us"] / 1000,
            "peak_rss_mb": rss_kb(server.proc.pid, "VmHWM") / 1024,
            "errors": result["bad"] + result["errors"],
        }
    finally:
        server.stop()


def memory_at(kind, count, work, sync="normal"):
    """Resident memory with `count` distinct open alerts."""
    server = Server(kind, os.path.join(work, f"{kind}-mem"), sync)
    try:
        batch = 1000
        headers = {"Content-Type": "application/json"}
        if kind == "klaxon":
            headers["Authorization"] = "Bearer " + TOKEN
        for start in range(0, count, batch):
            body = json.dumps([{"labels": {"alertname": f"Open-{i}", "team": "bench", "severity": "warning",
                                           "instance": f"host-{i % 97}"},
                                "annotations": {"summary": "benchmark alert"}} for i in range(start, start + batch)]).encode()
            req = urllib.request.Request(f"http://127.0.0.1:{server.port}/api/v2/alerts", data=body, headers=headers, method="POST")
            urllib.request.urlopen(req, timeout=60).read()
        while server.inbox_depth() > 0:
            time.sleep(0.05)
        # At rest: both servers get the same 10 s to settle (Go's scavenger returns freed heap
        # over time; klaxon trims its heap every 5 s) before resident memory is read.
        time.sleep(10)
        return rss_kb(server.proc.pid, "VmRSS") / 1024
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--sync", default="both", choices=["normal", "full", "both"])
    parser.add_argument("--open-alerts", type=int, default=200_000)
    parser.add_argument("--linger", help="klaxon's pipeline.linger (default: its own)")
    args = parser.parse_args()
    for tool in ["wrk", "prometheus-alertmanager"]:
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install wrk prometheus-alertmanager")
    work = tempfile.mkdtemp(prefix="klaxon-bench-")
    syncs = ["normal", "full"] if args.sync == "both" else [args.sync]
    cases = [("a same alert", "same.lua", 1), ("b new alert/request", "unique.lua", 1), ("c batches of 10", "batch10.lua", 10)]
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s on 127.0.0.1; {os.cpu_count()} cores; work dir {work}")
    print(f"{'case':<22}{'server':<22}{'alerts/s':>10}{'accepted/s':>12}{'drain s':>9}{'p50 ms':>8}{'p99 ms':>8}{'peak RSS MB':>13}{'errors':>8}")
    for label, script, per in cases:
        am = one_case("alertmanager", script, per, args, "normal", work)
        rows = [("alertmanager 0.25", am)]
        for sync in syncs:
            rows.append((f"klaxon sync={sync}", one_case("klaxon", script, per, args, sync, work)))
        for name, r in rows:
            print(f"{label:<22}{name:<22}{r['alerts_per_s']:>10.0f}{r['accepted_per_s']:>12.0f}{r['drain_s']:>9.2f}"
                  f"{r['p50_ms']:>8.2f}{r['p99_ms']:>8.2f}{r['peak_rss_mb']:>13.1f}{r['errors']:>8.0f}")
        for name, r in rows[1:]:
            print(f"{'':<22}ratio {name:<16} alerts/s x{r['alerts_per_s'] / am['alerts_per_s']:.2f}, "
                  f"p99 x{r['p99_ms'] / max(am['p99_ms'], 1e-9):.2f}, peak RSS x{r['peak_rss_mb'] / am['peak_rss_mb']:.2f}")
        sys.stdout.flush()
    if args.open_alerts > 0:
        am_mb = memory_at("alertmanager", args.open_alerts, work)
        kx_mb = memory_at("klaxon", args.open_alerts, work)
        print(f"{args.open_alerts} distinct open alerts: alertmanager RSS {am_mb:.1f} MB "
              f"({am_mb * 1024 * 1024 / args.open_alerts:.0f} B/alert), klaxon RSS {kx_mb:.1f} MB; klaxon/alertmanager x{kx_mb / am_mb:.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

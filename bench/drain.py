#!/usr/bin/env python3
"""Processing benchmark: how fast Klaxon drains a backlog, and the CPU it spends per alert.

The intake benchmark mixes the HTTP edge and the processor on two cores, so a change to one is
hard to see in its figures. This one separates them: for each case it fills an inbox with the
processor held off (wrk against a server whose pipeline lingers for minutes), stops that server,
and then lets each binary given drain its own copy of that same database. It prints, per binary,
the alerts processed per second, the CPU time (user + system, from /proc) and the bytes written
(`write_bytes` of /proc/PID/io) per alert, median of
--runs drains, and the ratio to the first binary.

Usage: bench/drain.py [--seconds 4] [--runs 3] [--cases a,b,c] BINARY [BINARY...]
(default binary: .build/release/klaxon).
"""
import argparse, os, shutil, statistics, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from intake import Server, run_wrk, ROOT  # noqa: E402

CASES = {"a": ("same alert", "same.lua", 1), "b": ("new alert/request", "unique.lua", 1), "c": ("batches of 10", "batch10.lua", 10)}


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def written_bytes(pid):
    for line in open(f"/proc/{pid}/io"):
        if line.startswith("write_bytes"):
            return int(line.split()[1])
    return 0


def fill(binary, script, seconds, work):
    """A database whose inbox holds what wrk posted in `seconds`, none of it processed."""
    os.environ["KLAXON_BIN"] = binary
    server = Server("klaxon", work, "normal", "10m")
    try:
        result = run_wrk(server, script, seconds, 2, 10, f"drain{time.time_ns()}")
        depth = server.inbox_depth()
    finally:
        server.stop()
    return depth, result["ok"]


def drain(binary, source, work):
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work)
    os.environ["KLAXON_BIN"] = binary
    # The clock and the CPU count start at spawn (start-up included, the same for every binary):
    # the server starts draining before it answers its first health check.
    start = time.monotonic()
    server = Server("klaxon", work, "normal", None)
    try:
        while server.inbox_depth() > 0:
            time.sleep(0.01)
        return time.monotonic() - start, cpu_seconds(server.proc.pid), written_bytes(server.proc.pid)
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binaries", nargs="*", default=[os.path.join(ROOT, ".build", "release", "klaxon")])
    parser.add_argument("--seconds", type=int, default=4, help="how long wrk fills the inbox")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", default="a,b,c")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="klaxon-drain-")
    print(f"{os.cpu_count()} cores; backlog from wrk -t2 -c10 -d{args.seconds}s; median of {args.runs} drains per binary")
    print(f"{'case':<20}{'binary':<44}{'alerts':>8}{'alerts/s':>10}{'CPU us/alert':>14}{'KiB/alert':>12}{'ratio':>8}")
    for key in args.cases.split(","):
        label, script, per = CASES[key]
        source = os.path.join(work, f"fill-{key}")
        depth, requests = fill(args.binaries[0], script, args.seconds, source)
        alerts = requests * per
        rates, cpus, writes = {}, {}, {}
        for _ in range(args.runs):
            # Interleaved, so that a noisy minute on this shared machine hits every binary.
            for index, binary in enumerate(args.binaries):
                wall, cpu, written = drain(binary, source, os.path.join(work, "run"))
                rates.setdefault(index, []).append(alerts / wall)
                cpus.setdefault(index, []).append(1e6 * cpu / alerts)
                writes.setdefault(index, []).append(written / alerts / 1024)
        first = statistics.median(rates[0])
        for index, binary in enumerate(args.binaries):
            rate, cpu, kib = statistics.median(rates[index]), statistics.median(cpus[index]), statistics.median(writes[index])
            name = binary if len(binary) <= 42 else "..." + binary[-39:]
            print(f"{label:<20}{name:<44}{alerts:>8.0f}{rate:>10.0f}{cpu:>14.0f}{kib:>12.1f}{rate / first:>8.2f}")
        print(f"{'':<20}(inbox rows {depth}, requests {requests})")
        sys.stdout.flush()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

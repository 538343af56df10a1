#!/usr/bin/env python3
"""Delivery latency benchmark: intake 202 → the destination receives the notification.

Starts a small recording HTTP endpoint of its own on 127.0.0.1 (it answers 204, or Discord-like
JSON for --receiver discord, and notes when each request arrived), starts `klaxon serve` with one
receiver of the chosen kind pointed at it and a catch-all route (no grouping delay: every alert
has its own title, so every one is a CREATE that goes out at once), then posts app events to
POST /api/v1/events at a fixed rate. For each alert: latency = arrival at the endpoint − the
moment its POST got 202. Prints p50 / p90 / p99 / max, how many arrived, and the achieved rate.

The recording endpoint and the senders each run in processes of their own (the senders split over
several), so that Python's global interpreter lock does not make one wait for the other and add
its own delay to the figures. Times are CLOCK_MONOTONIC, which every process on the machine shares.

The receiver kind is a parameter so that the same run can target the Discord notifier once it
has landed (the issue asks for the Discord stand-in); until then `webhook` is the default.

Usage: bench/delivery_latency.py [--rate 1000] [--duration 30] [--receiver webhook|discord]
       [--bin .build/debug/klaxon] [--senders 8]
Debug builds are far slower than release builds; say which one the figures came from.
"""
import argparse, http.client, http.server, json, multiprocessing, os, re, socket, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchsupport import free_port  # noqa: E402
TOKEN = "bench-token"
TITLE = re.compile(rb"bench-(\d+)-")


class Recorder(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # The headers and the JSON body go out in two writes; with Nagle's algorithm on, the second
    # waits for the client's delayed ACK of the first (~40 ms on Linux) and every Discord-style
    # answer would look 40 ms slow.
    disable_nagle_algorithm = True
    arrivals = {}
    lock = threading.Lock()
    discord = False

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        now = time.monotonic()
        with Recorder.lock:
            for match in TITLE.finditer(body):
                Recorder.arrivals.setdefault(int(match.group(1)), now)
        if Recorder.discord:
            answer = json.dumps({"id": str(int(now * 1e6)), "channel_id": "1"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        else:
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args):
        pass


def record(kind, ready, commands):
    """The recording endpoint's process: serves until asked, then hands back every arrival."""
    Recorder.discord = kind == "discord"
    endpoint = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    endpoint.daemon_threads = True
    threading.Thread(target=endpoint.serve_forever, daemon=True).start()
    ready.send(endpoint.server_address[1])
    while True:
        command = commands.recv()
        with Recorder.lock:
            arrivals = dict(Recorder.arrivals)
        commands.send(arrivals)
        if command == "stop":
            endpoint.shutdown()
            return


def receiver_yaml(kind, url, rate_limit=None):
    if kind == "webhook":
        return f"    webhook:\n      url: {url}/hook\n"
    if kind == "discord":
        pace = f"      rate_limit: {rate_limit}\n" if rate_limit else ""
        return f"    discord:\n      webhook_url: {url}/api/webhooks/1/bench-token\n" + pace
    raise SystemExit(f"unknown receiver kind {kind}")


def sender_process(klaxon_port, ids_lists, start, rate, results):
    """One sender process: a thread per id list, then its 202 times and errors back to the parent."""
    sent_at, errors = {}, []
    threads = [threading.Thread(target=sender, args=(klaxon_port, ids, start, rate, sent_at, errors)) for ids in ids_lists]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put((sent_at, errors))


def sender(klaxon_port, ids, start, rate, sent_at, errors):
    conn = http.client.HTTPConnection("127.0.0.1", klaxon_port, timeout=30)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for n in ids:
        due = start + n / rate
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        body = json.dumps({"title": f"bench-{n}-latency", "severity": "warning", "team": "bench"})
        try:
            conn.request("POST", "/api/v1/events", body, headers)
            response = conn.getresponse()
            response.read()
            if response.status == 202:
                sent_at[n] = time.monotonic()
            else:
                errors.append(response.status)
        except Exception as error:  # a refused or reset connection: count it, reconnect
            errors.append(type(error).__name__)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", klaxon_port, timeout=30)


def cpu_seconds(pid):
    """User + system CPU time the process has used so far (from /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=1000)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--receiver", default="webhook", choices=["webhook", "discord"])
    parser.add_argument("--bin", default=os.environ.get("KLAXON_BIN", os.path.join(ROOT, ".build", "debug", "klaxon")))
    parser.add_argument("--senders", type=int, default=8, help="sending threads (connections)")
    parser.add_argument("--processes", type=int, default=4, help="processes the sending threads are spread over")
    parser.add_argument("--rate-limit", help="the Discord receiver's rate_limit (default: Discord's 5/2s; off = not paced)")
    parser.add_argument("--linger", help="pipeline.linger for klaxon (default: klaxon's own)")
    parser.add_argument("--log-level", default="warning", help="klaxon's LOG_LEVEL (its log is kept in the work folder)")
    parser.add_argument("--drain", type=float, default=60, help="seconds to wait for stragglers after sending")
    args = parser.parse_args()

    ready, ready_child = multiprocessing.Pipe()
    commands, commands_child = multiprocessing.Pipe()
    recorder = multiprocessing.Process(target=record, args=(args.receiver, ready_child, commands_child), daemon=True)
    recorder.start()
    url = f"http://127.0.0.1:{ready.recv()}"

    work = tempfile.mkdtemp(prefix="klaxon-latency-")
    config = os.path.join(work, "klaxon.yaml")
    with open(config, "w") as f:
        f.write("receivers:\n  - name: bench\n" + receiver_yaml(args.receiver, url, args.rate_limit) + "routes:\n  - receivers: [bench]\n")
        if args.linger is not None:
            f.write(f"pipeline:\n  linger: {args.linger}\n")
    port = free_port()
    env = dict(os.environ, KLAXON_INGEST_TOKEN=TOKEN, LOG_LEVEL=args.log_level)
    log = open(os.path.join(work, "klaxon.log"), "w")
    klaxon = subprocess.Popen([args.bin, "serve", "--listen", f"127.0.0.1:{port}", "--data", os.path.join(work, "klaxon.db"),
                               "--config", config], env=env, stdout=log, stderr=log)
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except Exception:
                if time.time() > deadline or klaxon.poll() is not None:
                    raise SystemExit(f"klaxon did not start; see {log.name}")
                time.sleep(0.05)

        total = int(args.rate * args.duration)
        sent_at, errors = {}, []
        cpu_before = cpu_seconds(klaxon.pid)
        start = time.monotonic() + 0.5
        id_lists = [range(i, total, args.senders) for i in range(args.senders)]
        results = multiprocessing.Queue()
        processes = [multiprocessing.Process(target=sender_process, args=(port, id_lists[p::args.processes], start, args.rate, results))
                     for p in range(min(args.processes, args.senders))]
        for p in processes:
            p.start()
        for _ in processes:
            part_sent, part_errors = results.get()
            sent_at.update(part_sent)
            errors.extend(part_errors)
        for p in processes:
            p.join()
        send_seconds = time.monotonic() - start
        deadline = time.monotonic() + args.drain
        while True:
            commands.send("peek")
            arrivals = commands.recv()
            if all(n in arrivals for n in sent_at) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        latencies = [(arrivals[n] - t) * 1000 for n, t in sent_at.items() if n in arrivals]
        cpu_used = cpu_seconds(klaxon.pid) - cpu_before
        # A notification can arrive before the sender has read its 202: that is a latency of ~0.
        latencies = [max(0.0, value) for value in latencies]
        print(f"receiver={args.receiver} binary={args.bin} load average {os.getloadavg()[0]:.2f}")
        print(f"offered {total} alerts at {args.rate:.0f}/s for {args.duration:.0f}s; accepted {len(sent_at)} "
              f"(achieved {len(sent_at) / send_seconds:.0f}/s), errors {len(errors)}; arrived {len(latencies)}")
        print(f"latency intake 202 -> received (ms): p50 {percentile(latencies, 50):.1f}  p90 {percentile(latencies, 90):.1f}  "
              f"p99 {percentile(latencies, 99):.1f}  max {max(latencies) if latencies else float('nan'):.1f}")
        print(f"klaxon CPU {cpu_used:.1f} s over the run: {cpu_used * 1e6 / max(1, len(sent_at)):.0f} µs per alert")
        print(f"target p99 < 50 ms: {'met' if latencies and percentile(latencies, 99) < 50 else 'not met'}")
    finally:
        klaxon.terminate()
        try:
            klaxon.wait(10)
        except subprocess.TimeoutExpired:
            klaxon.kill()
        commands.send("stop")
        commands.recv()
        recorder.join(5)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Chat-ops benchmark: Discord interaction response time under load.

Starts `klaxon serve` with a fresh Ed25519 key in `chatops.discord`, then sends signed
interactions to POST /discord/interactions from several keep-alive connections at once and
measures, per request, the time from sending the signed request to having read the whole answer.
The mix is what a busy channel sends: PING, /help, /silences, /mute-alerts 1h, /unmute-alerts,
/status (answered with the deferral; its follow-up goes to an address nobody listens on and is
not timed). Requests are signed with PyNaCl before the clock starts; every answer is checked
(200 and the expected interaction response type).

Discord's deadline for the first answer is 3 s; the target here is p99 < 20 ms.

Usage: bench/chatops.py [--binary .build/release/klaxon] [--requests 4000] [--concurrency 8]
       [--label "release build"]
"""
import argparse, http.client, json, os, shutil, socket, subprocess, sys, tempfile, threading, time, urllib.request

from nacl.signing import SigningKey

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchsupport import free_port, wait_http  # noqa: E402
APP_ID = "123456789012345678"


def interaction(kind, n):
    member = {"user": {"id": "42", "username": "bench"}, "roles": []}
    base = {"id": str(n), "application_id": APP_ID, "token": f"bench-token-{n}", "member": member}
    if kind == "ping":
        return {"type": 1, "id": str(n), "application_id": APP_ID, "token": f"bench-token-{n}"}, 1
    options = []
    name = kind
    if kind == "mute-alerts":
        options = [{"type": 3, "name": "duration", "value": "1h"}]
    base.update({"type": 2, "data": {"name": name, "type": 1, "options": options}})
    return base, (5 if kind == "status" else 4)


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "klaxon"))
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--label", default=None, help="how to label the figures (default: from the binary path)")
    args = parser.parse_args()
    label = args.label or ("release build" if "/release/" in args.binary else "debug build")

    key = SigningKey.generate()
    work = tempfile.mkdtemp(prefix="klaxon-bench-chatops-")
    port = free_port()
    config = os.path.join(work, "klaxon.yaml")
    with open(config, "w") as f:
        f.write(f"""chatops:
  discord:
    public_key: "{key.verify_key.encode().hex()}"
    application_id: "{APP_ID}"
    api_url: http://127.0.0.1:{free_port()}/api/v10
receivers:
  - name: console
    console: {{}}
routes:
  - receivers: [console]
""")
    env = dict(os.environ, KLAXON_INGEST_TOKEN="bench", LOG_LEVEL="warning")
    log = open(os.path.join(work, "klaxon.log"), "w")
    server = subprocess.Popen([args.binary, "serve", "--listen", f"127.0.0.1:{port}", "--data", os.path.join(work, "klaxon.db"), "--config", config],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz")
        mix = ["ping", "help", "silences", "ping", "mute-alerts", "unmute-alerts", "help", "status"]
        timestamp = str(int(time.time()))
        prepared = []
        for n in range(args.requests):
            body, expected_type = interaction(mix[n % len(mix)], n)
            raw = json.dumps(body, separators=(",", ":")).encode()
            signature = key.sign(timestamp.encode() + raw).signature.hex()
            prepared.append((raw, signature, expected_type, mix[n % len(mix)]))

        latencies = []
        failures = []
        lock = threading.Lock()
        chunks = [prepared[i::args.concurrency] for i in range(args.concurrency)]

        def worker(chunk):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            mine = []
            for raw, signature, expected_type, kind in chunk:
                headers = {"Content-Type": "application/json", "X-Signature-Ed25519": signature, "X-Signature-Timestamp": timestamp}
                started = time.perf_counter()
                connection.request("POST", "/discord/interactions", body=raw, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                elapsed = time.perf_counter() - started
                mine.append((elapsed, kind))
                if response.status != 200 or json.loads(answer).get("type") != expected_type:
                    with lock:
                        failures.append((response.status, answer[:200]))
            connection.close()
            with lock:
                latencies.extend(mine)

        began = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began

        ms = [v * 1000 for v, _ in latencies]
        print(f"chat-ops interaction response time ({label}; {args.requests} signed requests, {args.concurrency} connections, loopback)")
        print(f"  p50 {percentile(ms, 50):.2f} ms   p90 {percentile(ms, 90):.2f} ms   p99 {percentile(ms, 99):.2f} ms   max {max(ms):.2f} ms")
        print(f"  throughput {len(ms) / wall:.0f} requests/s; failures {len(failures)}")
        print(f"  target p99 < 20 ms: {'met' if percentile(ms, 99) < 20 else 'NOT met'}")
        for kind in sorted(set(mix)):
            of_kind = [v * 1000 for v, k in latencies if k == kind]
            print(f"    {kind:<14} n={len(of_kind):<5} p50 {percentile(of_kind, 50):6.2f} ms  p99 {percentile(of_kind, 99):6.2f} ms")
        if failures:
            print("  first failure:", failures[0])
            sys.exit(1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""SQS intake benchmark: messages/s from a moto queue into Klaxon's inbox.

Starts moto_server on loopback with signature checking on (INITIAL_NO_AUTH_ACTION_COUNT, an IAM
user made through three unchecked calls, as the tests do), fills a queue with N CloudWatch alarm
messages in SNS envelopes (each a distinct alarm), then starts `klaxon serve` with
`sources.sqs.queue_url` and times from its start until the queue is empty. A message leaves the
queue only after its inbox commit, so N / elapsed is the intake rate (messages/s into the inbox).
The figure includes moto's own cost per call (a Python server), so it is a floor for what the
intake does against SQS, not a ceiling.

As a yardstick, boto3 first drains a second queue with the same messages from the same moto
(receive, then delete the batch: the calls Klaxon makes, without the inbox commit), so the ratio
says how much of moto's own ceiling Klaxon reaches.

Usage: bench/sqs_intake.py [--messages 2000] [--batch 10]
Env: KLAXON_BIN (default .build/debug/klaxon) — say which build you ran when you quote a figure.
"""
import argparse, json, os, shutil, signal, socket, subprocess, sys, tempfile, time, urllib.request

import boto3

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchsupport import free_port, wait_http  # noqa: E402


def reset_auth(endpoint, count):
    req = urllib.request.Request(f"{endpoint}/moto-api/reset-auth", data=str(count).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=10).read()


def alarm_envelope(i):
    alarm = {
        "AlarmName": f"bench-alarm-{i}", "AlarmDescription": "TEAM=bench\nPRIORITY=P2", "AWSAccountId": "123456789012",
        "NewStateValue": "ALARM", "NewStateReason": "Threshold Crossed", "StateChangeTime": "2026-12-01T12:00:00.000+0000",
        "Region": "US East (N. Virginia)", "AlarmArn": f"arn:aws:cloudwatch:us-east-1:123456789012:alarm:bench-alarm-{i}",
        "OldStateValue": "OK", "Trigger": {"MetricName": "CPUUtilization", "Namespace": "AWS/EC2", "Statistic": "AVERAGE",
                                           "Period": 60, "EvaluationPeriods": 1, "ComparisonOperator": "GreaterThanThreshold", "Threshold": 90.0},
    }
    return json.dumps({"Type": "Notification", "MessageId": f"m-{i}", "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts",
                       "Subject": f"ALARM: bench-alarm-{i}", "Message": json.dumps(alarm), "Timestamp": "2026-12-01T12:00:00.000Z"})


def fill(sqs, queue, count):
    for start in range(0, count, 10):
        entries = [{"Id": str(i), "MessageBody": alarm_envelope(i)} for i in range(start, min(start + 10, count))]
        sqs.send_message_batch(QueueUrl=queue, Entries=entries)


def boto3_drain(sqs, queue, count, batch, wait):
    """Seconds boto3 takes to receive and delete `count` messages, `batch` per receive."""
    started, taken = time.time(), 0
    while taken < count:
        messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=batch, WaitTimeSeconds=wait).get("Messages", [])
        if messages:
            sqs.delete_message_batch(QueueUrl=queue, Entries=[{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(messages)])
        taken += len(messages)
    return time.time() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=10, help="sources.sqs.max_messages")
    parser.add_argument("--wait", type=int, default=1, help="sources.sqs.wait_seconds (moto holds a long poll until it has max_messages or the wait is over)")
    args = parser.parse_args()
    binary = os.environ.get("KLAXON_BIN", os.path.join(ROOT, ".build", "debug", "klaxon"))
    work = tempfile.mkdtemp(prefix="klaxon-bench-sqs-")
    moto_port = free_port()
    endpoint = f"http://127.0.0.1:{moto_port}"
    moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(moto_port)], env=dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="0"),
                            stdout=open(os.path.join(work, "moto.log"), "w"), stderr=subprocess.STDOUT)
    klaxon = None
    try:
        wait_http(f"{endpoint}/moto-api/data.json")
        reset_auth(endpoint, 3)
        boot = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="AKIABOOTSTRAP0000000", aws_secret_access_key="x")
        iam = boto3.client("iam", **boot)
        iam.create_user(UserName="bench")
        key = iam.create_access_key(UserName="bench")["AccessKey"]
        iam.put_user_policy(UserName="bench", PolicyName="all", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        reset_auth(endpoint, 0)
        creds = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
        sqs = boto3.client("sqs", **creds)
        baseline = sqs.create_queue(QueueName="bench-baseline")["QueueUrl"]
        fill(sqs, baseline, args.messages)
        boto3_seconds = boto3_drain(sqs, baseline, args.messages, args.batch, args.wait)
        queue = sqs.create_queue(QueueName="bench-intake")["QueueUrl"]
        fill(sqs, queue, args.messages)

        port = free_port()
        cfg = os.path.join(work, "klaxon.yaml")
        with open(cfg, "w") as f:
            f.write(f"aws:\n  region: us-east-1\nsources:\n  sqs:\n    queue_url: \"{queue}\"\n    max_messages: {args.batch}\n    wait_seconds: {args.wait}\n"
                    "pipeline:\n  batch_size: 512\nreceivers:\n  - name: console\n    console: {}\nroutes:\n  - receivers: [console]\n")
        env = dict(os.environ, KLAXON_INGEST_TOKEN="bench", LOG_LEVEL="warning", AWS_ENDPOINT_URL=endpoint, AWS_REGION="us-east-1",
                   AWS_ACCESS_KEY_ID=key["AccessKeyId"], AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"],
                   AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent")
        started = time.time()
        klaxon = subprocess.Popen([binary, "serve", "--config", cfg, "--listen", f"127.0.0.1:{port}", "--data", os.path.join(work, "klaxon.db")],
                                  env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "klaxon.log"), "w"))
        deadline = started + 600
        while time.time() < deadline:
            attrs = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
            if int(attrs["ApproximateNumberOfMessages"]) + int(attrs["ApproximateNumberOfMessagesNotVisible"]) == 0:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("the queue did not drain in 10 minutes; see " + work)
        elapsed = time.time() - started
        status = json.loads(subprocess.run([binary, "status", "--json", "--data", os.path.join(work, "klaxon.db")], env=env,
                                           capture_output=True, text=True, check=True).stdout)
        print(f"binary: {binary}")
        print(f"messages: {args.messages}, max_messages per receive: {args.batch}, wait_seconds: {args.wait}")
        print(f"queue drained into the inbox in {elapsed:.2f} s (including klaxon start-up): {args.messages / elapsed:.0f} messages/s")
        print(f"boto3 receive + delete from the same moto: {boto3_seconds:.2f} s, {args.messages / boto3_seconds:.0f} messages/s; "
              f"klaxon x{boto3_seconds / elapsed:.2f} of it")
        print(f"after drain: inbox_depth {status['inbox_depth']}, open_alerts {status['open_alerts']}")
    finally:
        for proc in (klaxon, moto):
            if proc and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

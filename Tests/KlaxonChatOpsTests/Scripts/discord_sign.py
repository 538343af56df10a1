#!/usr/bin/env python3
"""Independent Ed25519 signer for the chat-ops tests: signs Discord interaction requests with
PyNaCl (libsodium), exactly as Discord does: signature = Ed25519(timestamp + raw body).

Input (stdin): JSON {"requests": [{"timestamp": "...", "body": "..."}, ...]}
Output (stdout): JSON {"public_key": hex, "other_public_key": hex, "signatures": [hex, ...]}
A fresh key pair each run; "other_public_key" belongs to a second pair, for wrong-key tests.
"""
import json
import sys

from nacl.signing import SigningKey

request = json.load(sys.stdin)
key = SigningKey.generate()
other = SigningKey.generate()
signatures = [
    key.sign(item["timestamp"].encode() + item["body"].encode()).signature.hex()
    for item in request["requests"]
]
json.dump({
    "public_key": key.verify_key.encode().hex(),
    "other_public_key": other.verify_key.encode().hex(),
    "signatures": signatures,
}, sys.stdout)

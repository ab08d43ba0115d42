#!/usr/bin/env python3
"""Offline check of one TaskTrackr audit event against a signed checkpoint (docs/audit-log.md).

Independent of the TypeScript code: Python's standard library plus `cryptography` (Ed25519).

    python3 verify_proof.py --event event.json --proof proof.json \
        --checkpoint 00000000000000001200.checkpoint --public-key audit-key.pem

event.json: the event as the API returns it (GET /api/v1/audit/events; a JSON Lines export line).
proof.json: {"leafIndex": n, "treeSize": N, "proof": [base64 hash, ...]} (the proof endpoint's
answer, or `npm run audit:verify -- --event ID`); "hashes" or "index" are accepted too, and a
"checkpoint" member holding the note text stands in for --checkpoint.
audit-key.pem: the audit public key (GET /api/v1/audit/public-key, publicKeyPem).

Checks: the checkpoint note's Ed25519 signature by the audit key (key name = origin line), the
event's chain hash (when it carries prevHash and hash), and that its leaf hash, with the proof,
leads to the checkpoint's root. Exit 0 when all hold, 1 when one does not, 2 on bad input.
"""
import argparse
import base64
import hashlib
import json
import math
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key


class Failed(Exception):
    pass


# ---- canonical JSON (RFC 8785 for the values an audit event holds) ----

def _number(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise Failed("canonical JSON cannot hold NaN or Infinity")
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)  # shortest round-trip, like ECMAScript; exponent written as JS does
    return re.sub(r"e([+-])0*(\d)", r"e\1\2", text)


def canonical(value):
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float)):
        return _number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: key.encode("utf-16-be"))  # UTF-16 code unit order
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical(value[k]) for k in keys) + "}"
    raise Failed(f"canonical JSON cannot hold {type(value).__name__}")


def canonical_event(event):
    """The bytes both hashes cover: every field but prevHash and hash, seq as a number."""
    fields = {
        "id": event["id"],
        "seq": int(event["seq"]),
        "occurredAt": event["occurredAt"],
        "actor": {"type": event["actor"]["type"], "id": event["actor"]["id"], "display": event["actor"]["display"]},
        "action": event["action"],
        "target": {"type": event["target"]["type"], "id": event["target"]["id"]},
        "changes": event["changes"],
        "outcome": event["outcome"],
        "ip": event["ip"],
        "userAgent": event["userAgent"],
        "requestId": event["requestId"],
    }
    return canonical(fields).encode("utf-8")


# ---- RFC 9162 tree hashes and inclusion proof ----

def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_inclusion_proof(leaf, index, size, proof):
    """RFC 9162 section 2.1.3.2."""
    if not 0 <= index < size:
        raise Failed(f"leaf index {index} is not in a tree of size {size}")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if len(p) != 32:
            raise Failed("a proof hash is not 32 bytes")
        if sn == 0:
            raise Failed("the inclusion proof is too long")
        if fn % 2 == 1 or fn == sn:
            r = node_hash(p, r)
            while fn % 2 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Failed("the inclusion proof is too short")
    return r


# ---- C2SP signed note checkpoint ----

def open_checkpoint(text, public_key):
    """Returns (origin, size, root) once the note's signature by the audit key verifies."""
    if not text.endswith("\n") or "\n\n" not in text:
        raise Failed("the checkpoint is not a signed note (text, blank line, signature lines)")
    split = text.rindex("\n\n")
    body = text[: split + 1]
    lines = body[:-1].split("\n")
    if len(lines) < 3 or not re.fullmatch(r"0|[1-9][0-9]*", lines[1]):
        raise Failed("the checkpoint body is not origin, tree size, root hash")
    origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2], validate=True)
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = hashlib.sha256(origin.encode("utf-8") + b"\n" + b"\x01" + raw).digest()[:4]
    for line in text[split + 2 : -1].split("\n"):
        match = re.fullmatch("\u2014 (\\S+) (\\S+)", line)
        if not match or match.group(1) != origin:
            continue
        blob = base64.b64decode(match.group(2), validate=True)
        if blob[:4] != key_id:
            continue
        try:
            public_key.verify(blob[4:], body.encode("utf-8"))
        except InvalidSignature:
            raise Failed(f"the checkpoint signature by {origin} does not verify")
        return origin, size, root
    raise Failed(f"the checkpoint carries no signature by the audit key under the name {origin}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--event", required=True)
    parser.add_argument("--proof", required=True)
    parser.add_argument("--checkpoint")
    parser.add_argument("--public-key", required=True)
    args = parser.parse_args()
    try:
        with open(args.event, encoding="utf-8") as f:
            event = json.load(f)
        with open(args.proof, encoding="utf-8") as f:
            proof_doc = json.load(f)
        if args.checkpoint:
            with open(args.checkpoint, encoding="utf-8", newline="") as f:
                note = f.read()
        else:
            note = proof_doc["checkpoint"]
        with open(args.public_key, "rb") as f:
            public_key = load_pem_public_key(f.read())
        if not isinstance(public_key, Ed25519PublicKey):
            raise ValueError("the public key is not an Ed25519 key")
        index = int(proof_doc.get("leafIndex", proof_doc.get("index", int(event["seq"]) - 1)))
        size = int(proof_doc["treeSize"])
        hashes = [base64.b64decode(h, validate=True) for h in proof_doc.get("proof", proof_doc.get("hashes", []))]
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"bad input: {error}", file=sys.stderr)
        return 2
    try:
        origin, checkpoint_size, root = open_checkpoint(note, public_key)
        if checkpoint_size != size:
            raise Failed(f"the proof is for a tree of {size} events, the checkpoint has {checkpoint_size}")
        data = canonical_event(event)
        if "hash" in event and "prevHash" in event:
            chain = hashlib.sha256(event["prevHash"].encode("ascii") + data).hexdigest()
            if chain != event["hash"]:
                raise Failed(f"the hash of seq {event['seq']} does not match its content")
        if index != int(event["seq"]) - 1:
            raise Failed(f"leaf index {index} is not the position of seq {event['seq']}")
        computed = root_from_inclusion_proof(leaf_hash(data), index, size, hashes)
        if computed != root:
            raise Failed(
                f"the proof leads to root {base64.b64encode(computed).decode()}, "
                f"checkpoint {size} of {origin} names {base64.b64encode(root).decode()}"
            )
    except Failed as failure:
        print(f"FAILED: {failure}")
        return 1
    print(f"ok: event {event['id']} (seq {event['seq']}) is in checkpoint {size} of {origin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Recomputes a loyalty-draws draw from its published entry list and seed.

Usage: recompute_winners.py ENTRIES_FILE SEED --winners N [--exclude ID,ID,...] [--commitment HEX]
       [--entries-sha256 HEX] [--json]

ENTRIES_FILE is the list `moshtari draws entries DRAW` prints ("ENTRY CUSTOMER COUNT" per line,
ascending entry ids). SEED is the seed `moshtari draws show DRAW` prints once drawn. --exclude names
the listed customers the run excluded (they are drawn, then passed over). It prints the draw order:
position, entry, customer and whether the pick wins. Only the standard library is used.
"""

import argparse
import hashlib
import json
import sys


def read_entries(path):
    with open(path, "rb") as f:
        data = f.read()
    entries = []
    for number, line in enumerate(data.split(b"\n")[:-1], start=1):
        fields = line.split(b" ")
        if len(fields) != 3 or not all(f.isdigit() and not f.startswith(b"0") for f in fields):
            sys.exit(f"{path}:{number}: expected 'ENTRY CUSTOMER COUNT'")
        entry = tuple(int(f) for f in fields)
        if entries and entry[0] <= entries[-1][0]:
            sys.exit(f"{path}:{number}: entry {entry[0]} does not come after entry {entries[-1][0]}")
        entries.append(entry)
    if data and not data.endswith(b"\n"):
        sys.exit(f"{path}: the last line has no line feed")
    return data, entries


class RandomStream:
    """block(i) = SHA-256(seed || i as 8 bytes big-endian); each block gives its first 8 bytes."""

    def __init__(self, seed):
        self.seed = seed.encode("utf-8")
        self.counter = 0

    def next(self):
        block = hashlib.sha256(self.seed + self.counter.to_bytes(8, "big")).digest()
        self.counter += 1
        return int.from_bytes(block[:8], "big")

    def uniform(self, n):
        limit = 2**64 - (2**64 % n)
        while True:
            r = self.next()
            if r < limit:
                return r % n


def draw_order(entries, seed, winners, excluded):
    pool = list(entries)
    random = RandomStream(seed)
    picks = []
    accepted = 0
    while accepted < winners and pool:
        u = random.uniform(sum(count for _, _, count in pool))
        running = 0
        for entry, customer, count in pool:
            running += count
            if u < running:
                break
        wins = customer not in excluded
        picks.append({"position": len(picks) + 1, "entry": entry, "customer": customer,
                      "winner": wins})
        accepted += wins
        pool = [e for e in pool if e[1] != customer]
    return picks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("entries")
    parser.add_argument("seed")
    parser.add_argument("--winners", type=int, required=True)
    parser.add_argument("--exclude", default="")
    parser.add_argument("--commitment", help="the seed commitment published at creation")
    parser.add_argument("--entries-sha256", help="the entries hash published at commitment")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    data, entries = read_entries(args.entries)
    ok = True
    if args.entries_sha256 is not None:
        actual = hashlib.sha256(data).hexdigest()
        ok &= actual == args.entries_sha256
        print(f"entries hash {actual} {'matches' if actual == args.entries_sha256 else 'DIFFERS'}",
              file=sys.stderr)
    if args.commitment is not None:
        actual = hashlib.sha256(args.seed.split(":", 1)[0].encode("ascii")).hexdigest()
        ok &= actual == args.commitment
        print(f"seed commitment {actual} {'matches' if actual == args.commitment else 'DIFFERS'}",
              file=sys.stderr)
    excluded = {int(c) for c in args.exclude.split(",") if c}
    picks = draw_order(entries, args.seed, args.winners, excluded)
    if args.json:
        print(json.dumps(picks))
    else:
        for p in picks:
            print(p["position"], p["entry"], p["customer"], "winner" if p["winner"] else "excluded")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

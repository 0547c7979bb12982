#!/usr/bin/env python3
"""Compares what the compose stack's API answers with `funnel report` on the same input.

    docker/check-against-report.py REPORT_DIR [API_URL] [TOKEN]

REPORT_DIR: `bin/funnel report --config examples/funnel.yaml --events docker/drop/done/FILE --out DIR`.
For every period and dimension in the report's stage-flow.jsonl, conversions.jsonl and loss-reasons.jsonl,
GET /api/funnel?period=..&dimension=.. (stageFlow, conversions, lossReasons) and compare the records,
key by key, except `mature`, which depends on the wall clock (SPEC section 7). Prints one line per
difference and a summary; exit 0 when equal. A spot check through the API
(the topics themselves are what the planned compose test compares).
"""
import json, sys, urllib.request, collections

report, api = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:8080")
token = sys.argv[3] if len(sys.argv) > 3 else "funnel-dev-token"
parts = {"stageFlow": "stage-flow.jsonl", "conversions": "conversions.jsonl", "lossReasons": "loss-reasons.jsonl"}
expected = collections.defaultdict(dict)   # (period, dimension) -> {(part, key json): value}
for part, name in parts.items():
    with open(f"{report}/{name}") as f:
        for line in f:
            r = json.loads(line)
            k = r["key"]
            expected[(k["period"], k["dimension"])][(part, json.dumps(k, sort_keys=True))] = r["value"]

# SPEC section 7: values that depend on the wall clock differ between the batch report (now = --as-of, by
# default the latest event) and the running app (now = the wall clock); `mature` is the one in these views
WALL_CLOCK = {"mature"}

def close(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1, abs(a))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(x in WALL_CLOCK or close(a[x], b[x]) for x in a)
    return a == b

diffs = checked = 0
for (period, dim), want in sorted(expected.items()):
    req = urllib.request.Request(f"{api}/api/funnel?period={period}&dimension={dim}",
                                 headers={"Authorization": f"Bearer {token}"})
    got_doc = json.load(urllib.request.urlopen(req, timeout=30))
    got = {}
    for part in parts:
        for r in got_doc.get(part) or []:
            got[(part, json.dumps(r["key"], sort_keys=True))] = r["value"]
    for k in want.keys() | got.keys():
        checked += 1
        if k not in got or k not in want or not close(want[k], got[k]):
            diffs += 1
            if diffs <= 20:
                print(f"differs {k[0]} {k[1]}: report {want.get(k)} api {got.get(k)}")
print(f"check-against-report: {checked} records in {len(expected)} period/dimension views, {diffs} differ")
sys.exit(1 if diffs else 0)

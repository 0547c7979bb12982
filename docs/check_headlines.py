#!/usr/bin/env python3
"""Recompute the headline numbers from the raw CSVs (csv module only, no funnel code) and compare
them with the `funnel report` output directories.

usage: check_headlines.py DATASETS_DIR OLIST_REPORT_DIR MAVEN_REPORT_DIR
       check_headlines.py --sales-kpis-tables DATASETS_DIR   (markdown tables, from the CSV only)
       check_headlines.py --self-test                        (hand-made leads through the same code)
"""
import csv, json, math, sys
from collections import Counter, defaultdict
from datetime import date, datetime, timezone
from decimal import Decimal, ROUND_HALF_EVEN
from fractions import Fraction

ok = True

def check(what, raw, report):
    global ok
    same = raw == report
    ok &= same
    print(("OK  " if same else "DIFF"), what, "raw:", raw, "report:", report)

def lines(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]

def check_olist_and_maven_totals(datasets, olist_out, maven_out):
    # Olist: cohort = first-contact month of the MQL; converted = has a closed deal (no window).
    mql = list(csv.DictReader(open(f"{datasets}/olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv")))
    won = {r["mql_id"] for r in csv.DictReader(open(f"{datasets}/olist-marketing-funnel/olist_closed_deals_dataset.csv"))}
    raw_month, raw_channel = Counter(), Counter()
    for r in mql:
        m, ch = r["first_contact_date"][:7], (r["origin"] or "unknown")
        raw_month[m, "n"] += 1; raw_channel[ch, "n"] += 1
        if r["mql_id"] in won:
            raw_month[m, "won"] += 1; raw_channel[ch, "won"] += 1
    rep_month, rep_channel = Counter(), Counter()
    for rec in lines(f"{olist_out}/conversions.jsonl"):
        k, v = rec["key"], rec["value"]
        if len(k["period"]) != 7 or "-W" in k["period"] or "Q" in k["period"] or not v["cohortSize"]:
            continue
        if k["dimension"] == "all":
            rep_month[k["period"], "n"] += v["cohortSize"]; rep_month[k["period"], "won"] += v["cohortConverted"]
        if k["dimension"] == "channel":
            rep_channel[k["dimensionValue"], "n"] += v["cohortSize"]; rep_channel[k["dimensionValue"], "won"] += v["cohortConverted"]
    check("Olist MQL->won cohort per first-contact month", dict(sorted((+raw_month).items())), dict(sorted((+rep_month).items())))
    check("Olist MQL->won cohort per channel", dict(sorted((+raw_channel).items())), dict(sorted((+rep_channel).items())))

    # Maven: win rate = Won / (Won + Lost) over rows with an engage_date; mean days engage -> close of Won.
    pipe = [r for r in csv.DictReader(open(f"{datasets}/maven-crm-sales-opportunities/sales_pipeline.csv")) if r["engage_date"]]
    w = [r for r in pipe if r["deal_stage"] == "Won"]
    l = [r for r in pipe if r["deal_stage"] == "Lost"]
    days = [(date.fromisoformat(r["close_date"]) - date.fromisoformat(r["engage_date"])).days for r in w]
    raw_rate, raw_days = round(100 * len(w) / (len(w) + len(l)), 2), round(sum(days) / len(days), 2)
    flow = lines(f"{maven_out}/stage-flow.jsonl")
    conv = lines(f"{maven_out}/conversions.jsonl")
    q = lambda k: k["dimension"] == "all" and "Q" in k["period"]
    rep_won = sum(r["value"]["reached"] for r in flow if q(r["key"]) and r["key"]["stage"] == "won")
    rep_lost = sum(r["value"]["lost"] for r in flow if q(r["key"]))
    pairs = [(r["value"]["cohortConverted"], r["value"]["meanDaysToConvert"]) for r in conv
             if q(r["key"]) and r["key"]["fromStage"] == "engaging" and r["key"]["toStage"] == "won" and r["value"]["cohortConverted"]]
    rep_days = round(sum(n * d for n, d in pairs) / sum(n for n, _ in pairs), 2)
    check("Maven won / lost", (len(w), len(l)), (rep_won, rep_lost))
    check("Maven win rate %", raw_rate, round(100 * rep_won / (rep_won + rep_lost), 2))
    check("Maven mean days engage->won", raw_days, rep_days)

# ---------------------------------------------------------------------------------------------
# Maven: funnel.sales-kpis (SPEC section 9) per QUARTER, dimensions all and owner, from the CSV.
#
# The mapping (ingest-connector/mappings/maven-crm.yaml) turns a sales_pipeline.csv row into
#   - nothing, when engage_date is empty (the Prospecting rows: rejected);
#   - LeadCreated "opp-ID" at engage_date 00:00Z, stage engaging, owner = sales_agent,
#     estimatedValue = products.csv sales_price of the product (GTXPro spelt GTX Pro);
#   - StageChanged "won-ID" to won at close_date 00:00Z, amount = close_value, when deal_stage is Won;
#   - LeadLost "lost-ID" at close_date 00:00Z, when deal_stage is Lost.
# Funnel (shared/examples/maven.yaml): prospecting -> engaging -> won, opportunityStage engaging,
# timezone UTC. Each lead is replayed by SPEC section 3 (sorted by instant, type rank, eventId), and
# its facts (opportunity = reach of engaging, win = reach of won, loss at a stage before won) carry
# the owner at the fact's instant.

STAGES = ["prospecting", "engaging", "won"]
WON, OPPORTUNITY = STAGES.index("won"), STAGES.index("engaging")
RANK = {"LeadCreated": 0, "StageChanged": 1, "ActivityLogged": 2, "OwnerChanged": 3, "LeadUpdated": 4, "LeadLost": 5}
BOUNDS = [1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, None]
DAY_MS = 86_400_000

def at(day):
    """A yyyy-MM-dd column as the mapping reads it: midnight UTC, in epoch milliseconds."""
    return int(datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()) * 1000

def maven_events(datasets):
    price = {r["product"]: r["sales_price"] for r in csv.DictReader(open(f"{datasets}/maven-crm-sales-opportunities/products.csv"))}
    events = []
    for r in csv.DictReader(open(f"{datasets}/maven-crm-sales-opportunities/sales_pipeline.csv")):
        if not r["engage_date"]:
            continue
        i = r["opportunity_id"]
        est = price.get({"GTXPro": "GTX Pro"}.get(r["product"], r["product"]))
        events.append(dict(eventId=f"opp-{i}", type="LeadCreated", leadId=i, at=at(r["engage_date"]), stage="engaging",
                           owner=r["sales_agent"], estimatedValue=Decimal(est) if est else None))
        if r["deal_stage"] in ("Won", "Lost"):
            if not r["close_date"]:
                sys.exit(f"{i}: {r['deal_stage']} without close_date: the mapping's meaning is not modelled here")
            if r["deal_stage"] == "Won":
                events.append(dict(eventId=f"won-{i}", type="StageChanged", leadId=i, at=at(r["close_date"]), toStage="won",
                                   amount=Decimal(r["close_value"]) if r["close_value"] else None))
            else:
                events.append(dict(eventId=f"lost-{i}", type="LeadLost", leadId=i, at=at(r["close_date"])))
    return events

def lead_facts(events):
    """Replay one lead's events (SPEC section 3); yield (kind, instant, owner, value, cycle_ms) facts."""
    entry = stage = None; active = False; reached = set(); owner = ""; est = None
    for e in sorted(events, key=lambda e: (e["at"], RANK[e["type"]], e["eventId"].encode())):
        t = e["type"]
        if t in ("LeadCreated", "OwnerChanged", "LeadUpdated"):
            if e.get("owner") is not None: owner = e["owner"]
            if e.get("estimatedValue") is not None: est = e["estimatedValue"]
        to = None
        if t == "LeadCreated" and entry is None:
            to = STAGES.index(e.get("stage") or STAGES[0])
        elif t == "StageChanged" and (entry is None or not active or STAGES.index(e["toStage"]) != stage):
            to = STAGES.index(e["toStage"])
        if to is not None:
            if entry is None: entry = e["at"]
            stage, active = to, True
            for k in range(to + 1):
                if k in reached: continue
                reached.add(k)
                who = owner or "unknown"
                if k == OPPORTUNITY: yield ("opportunity", e["at"], who, None, None)
                if k == WON:
                    value = e.get("amount") if e.get("amount") is not None else (est if est is not None else Decimal(0))
                    yield ("won", e["at"], who, value, e["at"] - entry)
        if t == "LeadLost" and active:
            active = False
            if stage < WON: yield ("lost", e["at"], owner or "unknown", None, None)

def quarter(ms):
    d = datetime.fromtimestamp(ms / 1000, timezone.utc)   # maven.yaml: timezone UTC
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"

def sales_kpis(events):
    """{(period, dimension, dimensionValue): value} in the report's JSON shape (money as strings)."""
    by_lead = defaultdict(list)
    for e in events: by_lead[e["leadId"]].append(e)
    acc = defaultdict(lambda: dict(opportunities=0, won=0, lost=0, wonValue=Decimal(0), cycles=[]))
    for evs in by_lead.values():
        for kind, ms, who, value, cycle in lead_facts(evs):
            for dim, dv in (("all", "all"), ("owner", who)):
                a = acc[quarter(ms), dim, dv]
                if kind == "opportunity": a["opportunities"] += 1
                if kind == "lost": a["lost"] += 1
                if kind == "won": a["won"] += 1; a["wonValue"] += value; a["cycles"].append(cycle)
    return {k: kpi_value(**a) for k, a in acc.items() if a["opportunities"] or a["won"] or a["lost"]}

def money(x):
    """An exact amount (Decimal or Fraction) rounded half-even to 2 places, as a decimal string."""
    return str(Decimal(round(Fraction(x) * 100)).scaleb(-2))

def kpi_value(opportunities, won, lost, wonValue, cycles):
    hist = Counter()
    for c in cycles:   # a cycle of exactly d days falls in the first bucket whose bound is > d
        hist[next(i for i, b in enumerate(BOUNDS) if b is None or Fraction(c, DAY_MS) < b)] += 1
    def pct(p):
        if not won: return None
        need, cum = math.ceil(p * won), 0
        for i in sorted(hist):
            cum += hist[i]
            if cum >= need: return BOUNDS[i]
    total = sum(cycles)
    return {"opportunities": opportunities, "won": won, "lost": lost,
            "winRate": won / (won + lost) if won + lost else None,
            "wonValue": money(wonValue),
            "avgDealSize": money(Fraction(wonValue) / won) if won else None,
            "meanCycleDays": float(Fraction(total, won * DAY_MS)) if won else None,
            "cycleDaysHistogram": [{"upTo": BOUNDS[i], "count": hist[i]} for i in sorted(hist)],
            "cycleDaysP50": pct(Fraction(1, 2)), "cycleDaysP90": pct(Fraction(9, 10)),
            "salesVelocityPerDay": money(Fraction(opportunities) * Fraction(wonValue) * won * DAY_MS / ((won + lost) * total))
                                   if won and total else None}

MONEY, DOUBLES = ("wonValue", "avgDealSize", "salesVelocityPerDay"), ("winRate", "meanCycleDays")
IS_QUARTER = lambda p: len(p) == 7 and p[4:6] == "-Q"

def field_diff(f, raw, rep):
    """None when the report's value agrees with the raw one, else a short reason."""
    if raw is None or rep is None:
        return None if raw is None and rep is None else "null on one side"
    if f in MONEY:
        if not isinstance(rep, str): return "money is not a decimal string"
        return None if Decimal(rep) == Decimal(raw) else "differs"
    if f in DOUBLES:
        return None if isinstance(rep, (int, float)) and math.isclose(rep, raw, rel_tol=1e-9) else "differs"
    if f == "cycleDaysHistogram":
        return None if [(b["upTo"], b["count"]) for b in rep] == [(b["upTo"], b["count"]) for b in raw] else "differs"
    return None if rep == raw and not isinstance(rep, bool) else "differs"

def compare_kpis(raw, report_lines):
    """Mismatch messages between the raw records and the report's sales-kpis lines (QUARTER, all + owner)."""
    out, rep = [], {}
    for r in report_lines:
        k = r["key"]
        if not IS_QUARTER(k["period"]) or k["dimension"] not in ("all", "owner"):
            continue
        key = (k["period"], k["dimension"], k["dimensionValue"])
        if key in rep: out.append(f"{key}: twice in the report")
        rep[key] = r["value"]
    for key in sorted(raw.keys() | rep.keys()):
        if key not in rep: out.append(f"{key}: missing from the report (raw {raw[key]})"); continue
        if key not in raw: out.append(f"{key}: extra in the report {rep[key]}"); continue
        for f in raw[key]:
            if f not in rep[key]: out.append(f"{key} {f}: absent from the report (raw {raw[key][f]!r})"); continue
            why = field_diff(f, raw[key][f], rep[key][f])
            if why: out.append(f"{key} {f}: {why}: raw {raw[key][f]!r} report {rep[key][f]!r}")
    return out

def check_sales_kpis(datasets, maven_out):
    global ok
    raw = sales_kpis(maven_events(datasets))
    try:
        report = lines(f"{maven_out}/sales-kpis.jsonl")
    except FileNotFoundError:
        ok = False; print("DIFF Maven sales-kpis: no", f"{maven_out}/sales-kpis.jsonl"); return
    diffs = compare_kpis(raw, report)
    for d in diffs: print("DIFF sales-kpis", d)
    ok &= not diffs
    n_all = sum(1 for k in raw if k[1] == "all")
    print(("OK  " if not diffs else "DIFF"), f"Maven sales-kpis per quarter, all ({n_all} records) and owner ({len(raw) - n_all}),",
          f"{len(raw) * 11} fields: {len(diffs)} mismatches")

# Markdown tables for docs/headline-numbers.md, from the CSV computation only.

def fmt_money(s): return "-" if s is None else f"{Decimal(s):,.2f}"
def fmt_rate(x): return "-" if x is None else f"{100 * x:.2f} %"
def fmt_days(x): return "-" if x is None else f"{x:.2f}"
def fmt_bound(b, won): return "-" if not won else ("open" if b is None else f"{b}")

def print_tables(datasets):
    raw = sales_kpis(maven_events(datasets))
    head = "| {} | opportunities | won | lost | win rate | won value | avg deal size | mean cycle days | P50 | P90 | velocity / day |"
    row = lambda name, v: print(f"| {name} | {v['opportunities']:,} | {v['won']:,} | {v['lost']:,} | {fmt_rate(v['winRate'])} | "
                               f"{fmt_money(v['wonValue'])} | {fmt_money(v['avgDealSize'])} | {fmt_days(v['meanCycleDays'])} | "
                               f"{fmt_bound(v['cycleDaysP50'], v['won'])} | {fmt_bound(v['cycleDaysP90'], v['won'])} | "
                               f"{fmt_money(v['salesVelocityPerDay'])} |")
    quarters = sorted(p for p, d, _ in raw if d == "all")
    print(head.format("quarter")); print("| --- |" + " ---: |" * 10)
    for p in quarters: row(p, raw[p, "all", "all"])
    print("\nCycle histogram, dimension all (wins per bucket; a bucket holds the cycles shorter than its bound"
          " and at least as long as the previous bound):\n")
    won_q = [p for p in quarters if raw[p, "all", "all"]["won"]]
    print("| upTo (days) | " + " | ".join(won_q) + " |"); print("| ---: |" + " ---: |" * len(won_q))
    for b in BOUNDS:
        n = [next((h["count"] for h in raw[p, "all", "all"]["cycleDaysHistogram"] if h["upTo"] == b), 0) for p in won_q]
        if any(n): print(f"| {'open (> 365)' if b is None else b} | " + " | ".join(f"{x:,}" for x in n) + " |")
    busiest = max(quarters, key=lambda p: (raw[p, "all", "all"]["won"] + raw[p, "all", "all"]["lost"], p))
    print(f"\nPer owner, {busiest} (the quarter with the most wins + losses):\n")
    print(head.format("owner")); print("| --- |" + " ---: |" * 10)
    for (p, d, o), v in sorted(raw.items(), key=lambda kv: (-kv[1]["won"], kv[0][2])):
        if p == busiest and d == "owner": row(o, v)
    print("\nPer owner, all quarters (sums of the quarterly counts and won values; no mean is summed):\n")
    print("| owner | opportunities | won | lost | win rate | won value |"); print("| --- |" + " ---: |" * 5)
    tot = defaultdict(Counter)
    for (p, d, o), v in raw.items():
        if d == "owner":
            for f in ("opportunities", "won", "lost"): tot[o][f] += v[f]
            tot[o]["wonValue"] += Decimal(v["wonValue"])
    for o, t in sorted(tot.items(), key=lambda kv: (-kv[1]["won"], kv[0])):
        print(f"| {o} | {t['opportunities']:,} | {t['won']:,} | {t['lost']:,} | {fmt_rate(t['won'] / (t['won'] + t['lost']))} | "
              f"{fmt_money(str(t['wonValue']))} |")

# --self-test: hand-made leads through the same functions, against hand-computed numbers.

def self_test():
    import os, tempfile
    H = 3_600_000
    def ev(lead, t, ms, **kw): return dict(eventId=f"{t}-{lead}-{ms}", type=t, leadId=lead, at=ms, **kw)
    d = at
    events = [
        # A: ann, won exactly one day after entry, amount 10.00 -> bucket upTo 2
        ev("A", "LeadCreated", d("2017-01-10"), stage="engaging", owner="ann", estimatedValue=Decimal(100)),
        ev("A", "StageChanged", d("2017-01-11"), toStage="won", amount=Decimal("10.00")),
        # B: bob, entered 2016-01-01, won 2017-01-02 without amount: 367 days (> 365), value = estimate 500
        ev("B", "LeadCreated", d("2016-01-01"), stage="engaging", owner="bob", estimatedValue=Decimal(500)),
        ev("B", "StageChanged", d("2017-01-02"), toStage="won"),
        # C: ann, lost at engaging
        ev("C", "LeadCreated", d("2017-02-01"), stage="engaging", owner="ann"),
        ev("C", "LeadLost", d("2017-03-01")),
        # D: ann at entry (2017-Q1), cy from 04-02 on, won 04-05: the win is cy's, in 2017-Q2; 5 days -> upTo 7
        ev("D", "LeadCreated", d("2017-03-31"), stage="engaging", owner="ann"),
        ev("D", "OwnerChanged", d("2017-04-02"), owner="cy"),
        ev("D", "StageChanged", d("2017-04-05"), toStage="won", amount=Decimal("0.05")),
        # E: a loss before the lead exists is no fact; the opportunity still counts
        ev("E", "LeadCreated", d("2017-01-06"), stage="engaging", owner="bob"),
        ev("E", "LeadLost", d("2017-01-05")),
        # F: bob, won at its entry instant (cycle 0 -> upTo 1), then lost at the won stage: not a loss
        ev("F", "LeadCreated", d("2017-02-10"), stage="engaging", owner="bob"),
        ev("F", "StageChanged", d("2017-02-10"), toStage="won", amount=Decimal("3.00")),
        ev("F", "LeadLost", d("2017-02-20")),
        # G: exactly 365 days -> the open bucket; H: half a day -> upTo 1; average 0.025 -> 0.02 (half-even)
        ev("G", "LeadCreated", d("2016-07-01"), stage="engaging", owner="dee"),
        ev("G", "StageChanged", d("2017-07-01"), toStage="won", amount=Decimal("0.01")),
        ev("H", "LeadCreated", d("2017-07-01"), stage="engaging", owner="dee"),
        ev("H", "StageChanged", d("2017-07-01") + 12 * H, toStage="won", amount=Decimal("0.04")),
    ]
    k = sales_kpis(events)
    hist = lambda *p: [{"upTo": b, "count": c} for b, c in p]
    expect = {
        ("2017-Q1", "all", "all"): dict(opportunities=5, won=3, lost=1, winRate=0.75, wonValue="513.00", avgDealSize="171.00",
            meanCycleDays=368 / 3, cycleDaysHistogram=hist((1, 1), (2, 1), (None, 1)), cycleDaysP50=2, cycleDaysP90=None,
            salesVelocityPerDay="5.23"),                         # 5 x 513 x 3 / (4 x 368) = 5.2275...
        ("2017-Q1", "owner", "ann"): dict(opportunities=3, won=1, lost=1, winRate=0.5, wonValue="10.00", avgDealSize="10.00",
            meanCycleDays=1.0, cycleDaysHistogram=hist((2, 1)), cycleDaysP50=2, cycleDaysP90=2, salesVelocityPerDay="15.00"),
        ("2017-Q1", "owner", "bob"): dict(opportunities=2, won=2, lost=0, winRate=1.0, wonValue="503.00", avgDealSize="251.50",
            meanCycleDays=183.5, cycleDaysHistogram=hist((1, 1), (None, 1)), cycleDaysP50=1, cycleDaysP90=None,
            salesVelocityPerDay="2.74"),                         # 2 x 503 x 2 / (2 x 367) = 2.7411...
        ("2017-Q2", "all", "all"): dict(opportunities=0, won=1, lost=0, winRate=1.0, wonValue="0.05", avgDealSize="0.05",
            meanCycleDays=5.0, cycleDaysHistogram=hist((7, 1)), cycleDaysP50=7, cycleDaysP90=7, salesVelocityPerDay="0.00"),
        ("2016-Q1", "all", "all"): dict(opportunities=1, won=0, lost=0, winRate=None, wonValue="0.00", avgDealSize=None,
            meanCycleDays=None, cycleDaysHistogram=[], cycleDaysP50=None, cycleDaysP90=None, salesVelocityPerDay=None),
        ("2017-Q3", "all", "all"): dict(opportunities=1, won=2, lost=0, winRate=1.0, wonValue="0.05", avgDealSize="0.02",
            meanCycleDays=182.75, cycleDaysHistogram=hist((1, 1), (None, 1)), cycleDaysP50=1, cycleDaysP90=None,
            salesVelocityPerDay="0.00"),
    }
    bad = [f"{key} {f}: got {k.get(key, {}).get(f)!r} want {v!r}" for key, want in expect.items() for f, v in want.items()
           if key not in k or k[key][f] != v]
    assert ("2017-Q2", "owner", "ann") not in k and k["2017-Q2", "owner", "cy"] == expect["2017-Q2", "all", "all"], "owner at the win"
    assert set(k) == {("2016-Q1", "all", "all"), ("2016-Q1", "owner", "bob"), ("2016-Q3", "all", "all"), ("2016-Q3", "owner", "dee"),
                      ("2017-Q1", "all", "all"), ("2017-Q1", "owner", "ann"), ("2017-Q1", "owner", "bob"),
                      ("2017-Q2", "all", "all"), ("2017-Q2", "owner", "cy"), ("2017-Q3", "all", "all"), ("2017-Q3", "owner", "dee")}, sorted(k)
    assert money(Fraction(1, 8)) == "0.12" and money(Fraction(3, 8)) == "0.38" and money(Decimal(0)) == "0.00"
    # The CSV side: Prospecting rows skipped, GTXPro priced as GTX Pro when a Won row has no close_value.
    with tempfile.TemporaryDirectory() as t:
        os.makedirs(f"{t}/maven-crm-sales-opportunities")
        open(f"{t}/maven-crm-sales-opportunities/products.csv", "w").write("product,series,sales_price\nGTX Pro,GTX,4821\n")
        open(f"{t}/maven-crm-sales-opportunities/sales_pipeline.csv", "w").write(
            "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n"
            "P1,ann,GTXPro,,Prospecting,,,\nW1,ann,GTXPro,X,Won,2017-01-01,2017-01-31,\n"
            "W2,bob,GTXPro,X,Won,2017-01-01,2017-01-02,100\nL1,bob,GTXPro,X,Lost,2017-02-01,2017-02-03,0\n")
        c = sales_kpis(maven_events(t))
        v = c["2017-Q1", "all", "all"]
        bad += [f"csv: {v}"] if (v["opportunities"], v["won"], v["lost"], v["wonValue"], v["meanCycleDays"], v["cycleDaysP50"],
                                 v["cycleDaysP90"]) != (3, 2, 1, "4921.00", 15.5, 2, 45) else []
    # The comparison: equal money in another spelling passes; a changed count, a missing record, a number as money fail.
    rep = [{"key": {"period": p, "dimension": dm, "dimensionValue": dv}, "value": dict(val)} for (p, dm, dv), val in k.items()]
    rep[0]["value"]["wonValue"] = rep[0]["value"]["wonValue"] + "0"
    bad += [f"compare equal: {m}" for m in compare_kpis(k, rep)]
    rep[0]["value"]["won"] += 1; rep[1]["value"]["avgDealSize"] = 1.0; del rep[2]
    got = compare_kpis(k, rep)
    bad += [] if len(got) == 3 else [f"compare: {got}"]
    for b in bad: print("FAIL", b)
    print("self-test:", "FAIL" if bad else "OK")
    return not bad

if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(0 if self_test() else 1)
    if sys.argv[1:2] == ["--sales-kpis-tables"] and len(sys.argv) == 3:
        print_tables(sys.argv[2]); sys.exit(0)
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    datasets, olist_out, maven_out = sys.argv[1:4]
    check_olist_and_maven_totals(datasets, olist_out, maven_out)
    check_sales_kpis(datasets, maven_out)
    sys.exit(0 if ok else 1)

#!/usr/bin/env python3
"""Recompute the headline numbers from the raw CSVs (csv module only, no funnel code) and compare
them with the `funnel report` output directories.

usage: check_headlines.py DATASETS_DIR OLIST_REPORT_DIR MAVEN_REPORT_DIR
"""
import csv, json, sys
from collections import Counter
from datetime import date, datetime

datasets, olist_out, maven_out = sys.argv[1:4]
ok = True

def check(what, raw, report):
    global ok
    same = raw == report
    ok &= same
    print(("OK  " if same else "DIFF"), what, "raw:", raw, "report:", report)

def lines(path):
    with open(path) as f:
        return [json.loads(l) for l in f]

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
sys.exit(0 if ok else 1)

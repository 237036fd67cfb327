"""Independent reference for AnalysisJobITCase: the final fixed-horizon results of the ITCase's traffic,
computed from the raw JSON lines with the contract's rules and scipy/statsmodels, not with the project's code.

Regenerate (from the repository root, after `mvn -B -q package -DskipTests`):
  java -jar local/target/abtest-local.jar synthetic \
      --experiment jobs/src/test/resources/io/abtest/jobs/analysis/ranker-v2-it.yaml \
      --units 3000 --lift challenger=0.3 --shadow-rate 0.2 --late-fraction 0 --duration 1h \
      --latency-fault challenger:20m:35m:150 --switched-unit-fraction 0.03 \
      --predictions-out /tmp/it/predictions.jsonl --outcomes-out /tmp/it/outcomes.jsonl
  python3 jobs/src/test/resources/io/abtest/jobs/analysis/reference_results.py /tmp/it
or, without the jar, write the files with the test ReferenceTrafficFiles
(`mvn -B -o -q -pl jobs -am test -Dtest=ReferenceTrafficFiles -Dabtest.reference.dir=/tmp/ref`: /tmp/ref/switched is
the ITCase's traffic, /tmp/ref/clean the same without switched units).
(scipy 1.17.1, statsmodels 0.15.0, numpy 2.4.6; prints the Java constants pinned in AnalysisJobITCase). Without
statsmodels, the same two formulas are computed directly (pooled z test; Wald interval of the difference); on the
traffic without switched units they reproduce the statsmodels constants pinned before multiple exposure.

Rules (CONTRACT.md section 1): a record counts when it is a JSON object with every required field of the right
type, latency >= 0, a known status, experiment and variant; the first record of an event_id counts, later ones are
duplicates. An outcome counts for the served prediction with its request_id when outcome time - prediction time is
in [0, 24h] (the default attribution window). A unit belongs to the variant of its served predictions; a unit with
served predictions of more than one variant is excluded (multiple exposure, CONTRACT.md section 2); per unit,
converted = 1 when any attributed outcome has converted > 0, revenue = the sum of attributed revenue.
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
from scipy import stats
try:
    from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
except ImportError:  # the same two formulas, directly
    def proportions_ztest(count, nobs):
        p1, p2 = count[0] / nobs[0], count[1] / nobs[1]
        pooled = (count[0] + count[1]) / (nobs[0] + nobs[1])
        z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / nobs[0] + 1 / nobs[1]))
        return z, 2 * stats.norm.sf(abs(z))

    def confint_proportions_2indep(count1, nobs1, count2, nobs2, method, compare):
        assert method == "wald" and compare == "diff"
        p1, p2 = count1 / nobs1, count2 / nobs2
        half = stats.norm.isf(0.025) * math.sqrt(p1 * (1 - p1) / nobs1 + p2 * (1 - p2) / nobs2)
        return p1 - p2 - half, p1 - p2 + half

VARIANTS = ("champion", "challenger")
STATUSES = ("ok", "error", "timeout")
DAY_MS = 24 * 3600 * 1000


def is_str(v):
    return isinstance(v, str) and v.strip() != ""


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def records(path):
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
        except ValueError:
            continue
        if isinstance(record, dict):
            yield record


def valid_prediction(p):
    return (all(is_str(p.get(f)) for f in ("event_id", "experiment_id", "variant", "unit_id", "request_id", "status"))
            and is_int(p.get("event_time")) and is_num(p.get("latency_ms")) and p["latency_ms"] >= 0
            and p["status"] in STATUSES and p["experiment_id"] == "ranker-v2" and p["variant"] in VARIANTS
            and isinstance(p.get("served", True), bool)
            and all(isinstance(v, str) for v in (p.get("attributes") or {}).values()))


def valid_outcome(o):
    return (all(is_str(o.get(f)) for f in ("event_id", "request_id", "unit_id")) and is_int(o.get("event_time"))
            and o.get("experiment_id") in (None, "ranker-v2")
            and all(is_num(v) for v in (o.get("values") or {}).values()))


def first_by_event_id(rows):
    seen = set()
    for row in rows:
        if row["event_id"] not in seen:
            seen.add(row["event_id"])
            yield row


def main(folder):
    predictions = list(first_by_event_id(p for p in records(Path(folder, "predictions.jsonl")) if valid_prediction(p)))
    outcomes = list(first_by_event_id(o for o in records(Path(folder, "outcomes.jsonl")) if valid_outcome(o)))
    served = {}
    variant_of = {}
    variants_of = {}
    for p in predictions:
        if p.get("served", True):
            served[p["request_id"]] = p
            variant_of.setdefault(p["unit_id"], p["variant"])
            variants_of.setdefault(p["unit_id"], set()).add(p["variant"])
    excluded = {u for u, vs in variants_of.items() if len(vs) > 1}
    variant_of = {u: v for u, v in variant_of.items() if u not in excluded}
    converted = {u: 0.0 for u in variant_of}
    revenue = {u: 0.0 for u in variant_of}
    for o in outcomes:
        p = served.get(o["request_id"])
        if p is None or p["unit_id"] in excluded or not 0 <= o["event_time"] - p["event_time"] <= DAY_MS:
            continue
        values = o.get("values") or {}
        if values.get("converted", 0) > 0:
            converted[p["unit_id"]] = 1.0
        revenue[p["unit_id"]] += values.get("revenue", 0.0)

    def per_variant(values):
        return [np.array([values[u] for u in variant_of if variant_of[u] == v]) for v in VARIANTS]

    c, t = per_variant(converted)
    z, p_z = proportions_ztest([t.sum(), c.sum()], [len(t), len(c)])
    low, high = confint_proportions_2indep(t.sum(), len(t), c.sum(), len(c), method="wald", compare="diff")
    print(f"// multi-exposed units excluded: {len(excluded)}")
    print(f"// converted: units {len(c)} / {len(t)}, converted {int(c.sum())} / {int(t.sum())}")
    print(java("CONVERTED", c.mean(), t.mean(), t.mean() - c.mean(), low, high, p_z))
    rc, rt = per_variant(revenue)
    welch = stats.ttest_ind(rt, rc, equal_var=False)
    ci = welch.confidence_interval(0.95)
    print(java("REVENUE", rc.mean(), rt.mean(), rt.mean() - rc.mean(), ci.low, ci.high, welch.pvalue))


def java(name, *numbers):
    """control mean, treatment mean, difference, CI low, CI high, p-value, as a Java array."""
    return f"static final double[] {name} = {{" + ", ".join(repr(float(x)) for x in numbers) + "};"


if __name__ == "__main__":
    main(sys.argv[1])

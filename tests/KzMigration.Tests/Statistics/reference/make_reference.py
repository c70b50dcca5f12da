#!/usr/bin/python3
"""Reference values for KzMigration.Statistics from an independent implementation (statsmodels).

Run from this folder:  /usr/bin/python3 make_reference.py  (the Debian interpreter, which has statsmodels)
Needs python3-statsmodels (Debian 0.13.5 was used) and numpy. It (1) writes the simulated fixture
simulated.csv (seeded, so it is reproducible) unless it exists, and (2) fits every model listed in MODELS on
its fixture CSV and writes reference.json. The C# tests (ReferenceTests.cs) read both and assert agreement to
1e-6 relative in coefficients and standard errors. CI does not run this script; the outputs are committed.

Design conventions, the same as ModelFrame.Build: intercept first, then the regressors in the order given,
then one dummy per level of each fixed effect except the first level in ordinal (byte) order; a row with an
empty outcome, regressor or group is dropped.
"""
import csv
import json
import os
import sys

import numpy as np
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))

MODELS = [
    # name, fixture, kind, outcome, regressors, fixed effects
    dict(name="sim-ols-cluster", fixture="simulated.csv", kind="ols-cluster", outcome="y", regressors=["x1", "x2"], fixed_effects=[]),
    dict(name="sim-ols-fe-cluster", fixture="simulated.csv", kind="ols-cluster", outcome="y", regressors=["x1", "x2"], fixed_effects=["unit", "year"]),
    dict(name="sim-poisson-hc0", fixture="simulated.csv", kind="poisson-hc0", outcome="count", regressors=["x1", "x2"], fixed_effects=[]),
    dict(name="sim-poisson-fe-hc0", fixture="simulated.csv", kind="poisson-hc0", outcome="count", regressors=["x1", "x2"], fixed_effects=["unit", "year"]),
    dict(name="panel-net-migration", fixture="panel.csv", kind="ols-cluster", outcome="net_migration_rate",
         regressors=["log_rel_income_per_capita", "log_rel_grp_per_capita", "log_rel_unemployment_rate"], fixed_effects=["unit", "year"]),
    dict(name="gravity-pooled-ppml", fixture="gravity.csv", kind="poisson-hc0", outcome="flow",
         regressors=["log_population_origin", "log_population_destination", "log_distance_km", "contiguous",
                     "log_ratio_income_per_capita", "log_ratio_grp_per_capita", "log_ratio_unemployment_rate"], fixed_effects=["year"]),
]


def simulate(path):
    rng = np.random.default_rng(20150101)
    rows = []
    for g in range(20):
        a = rng.normal(0, 1)
        for t in range(2015, 2023):
            x1 = rng.normal(0, 1) + 0.3 * a
            x2 = rng.normal(0, 1)
            u = rng.normal(0, 0.5) + 0.5 * a * rng.normal(0, 1)
            y = 1.0 + 0.5 * x1 - 0.3 * x2 + a + 0.1 * (t - 2015) + u
            count = rng.poisson(np.exp(0.5 + 0.3 * x1 - 0.2 * x2 + 0.2 * a))
            rows.append([f"u{g:02d}-{t}", f"u{g:02d}", f"u{g:02d}", str(t), repr(round(y, 6)), str(count), repr(round(x1, 6)), repr(round(x2, 6))])
    # Two missing values: dropped by both implementations, never zero-filled.
    rows[5][6] = ""
    rows[17][4] = ""
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["label", "cluster", "unit", "year", "y", "count", "x1", "x2"])
        w.writerows(rows)


def design(rows, m):
    keep = [r for r in rows if r[m["outcome"]] != "" and all(r[c] != "" for c in m["regressors"] + m["fixed_effects"])]
    columns = ["(intercept)"] + m["regressors"]
    blocks = [np.ones(len(keep))] + [np.array([float(r[c]) for r in keep]) for c in m["regressors"]]
    for fe in m["fixed_effects"]:
        levels = sorted({r[fe] for r in keep}, key=lambda s: s.encode("utf-8"))
        for level in levels[1:]:
            columns.append(f"{fe}={level}")
            blocks.append(np.array([1.0 if r[fe] == level else 0.0 for r in keep]))
    y = np.array([float(r[m["outcome"]]) for r in keep])
    groups = [r["cluster"] for r in keep]
    return y, np.column_stack(blocks), columns, groups, len(rows) - len(keep)


def fit(m):
    with open(os.path.join(HERE, m["fixture"]), newline="") as f:
        rows = list(csv.DictReader(f))
    y, x, columns, groups, dropped = design(rows, m)
    codes = np.unique(groups, return_inverse=True)[1]
    if m["kind"] == "ols-cluster":
        res = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": codes})
        note = "statsmodels OLS.fit(cov_type='cluster', cov_kwds={'groups': ...}) — default use_correction=True: G/(G-1)*(N-1)/(N-K)"
    elif m["kind"] == "poisson-hc0":
        res = sm.GLM(y, x, family=sm.families.Poisson()).fit(cov_type="HC0", tol=1e-13)
        note = "statsmodels GLM(family=Poisson()).fit(cov_type='HC0')"
    else:
        raise ValueError(m["kind"])
    return dict(name=m["name"], fixture=m["fixture"], kind=m["kind"], outcome=m["outcome"], regressors=m["regressors"],
                fixed_effects=m["fixed_effects"], n=int(len(y)), dropped=int(dropped), clusters=int(len(set(groups))),
                columns=columns, params=[float(v) for v in res.params], bse=[float(v) for v in res.bse], method=note)


def main():
    sim = os.path.join(HERE, "simulated.csv")
    if not os.path.exists(sim):
        simulate(sim)
    out = dict(generator="make_reference.py", statsmodels=statsmodels.__version__, numpy=np.__version__,
               python=sys.version.split()[0], models=[])
    for m in MODELS:
        if not os.path.exists(os.path.join(HERE, m["fixture"])):
            print(f"skipping {m['name']}: {m['fixture']} not found (export it first)", file=sys.stderr)
            continue
        out["models"].append(fit(m))
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

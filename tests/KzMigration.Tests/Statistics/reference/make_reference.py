#!/usr/bin/python3
"""Reference values for KzMigration.Statistics from independent implementations (statsmodels, numpy).

Run from this folder:  /usr/bin/python3 make_reference.py  (the Debian interpreter, which has statsmodels)
Needs python3-statsmodels (Debian 0.13.5 was used), numpy and scipy. It (1) writes the simulated fixture
simulated.csv (seeded, so it is reproducible) unless it exists, and (2) fits every model listed in MODELS on
its fixture CSV, runs the wild cluster bootstraps of BOOTSTRAPS and the influence diagnostics of INFLUENCE, and
writes reference.json. The C# tests (ReferenceTests.cs) read both and assert agreement to 1e-6 relative.
CI does not run this script; the outputs are committed. The fixtures gravity.csv, panel.csv and
panel-between.csv are exports of the bundled data written by the C# tests (KZMIG_WRITE_REFERENCE=1).

Design conventions, the same as ModelFrame.Build: intercept first, then the regressors in the order given,
then one dummy per level of each fixed effect except the first level in ordinal (byte) order; a row with an
empty outcome, regressor or group is dropped. Kinds "ols-log-cluster" also drop rows whose outcome is not
positive and regress log(outcome).

Standard errors (statsmodels 0.13.5):
  ols-cluster, ols-log-cluster  OLS.fit(cov_type='cluster', cov_kwds={'groups': g}, use_t=True)
  poisson-hc0                   GLM(family=Poisson()).fit(cov_type='HC0')
  poisson-cluster               GLM(family=Poisson()).fit(cov_type='cluster', cov_kwds={'groups': g}, use_t=True)
With one group column statsmodels calls sandwich_covariance.cov_cluster (CR1: G/(G-1)*(N-1)/(N-K)); with two
it calls cov_cluster_2groups (V1 + V2 - V12, each with its own CR1 factor; Cameron, Gelbach & Miller 2011).
use_t=True makes conf_int use t with G-1 degrees of freedom (G the smaller group count for two-way).

The wild cluster bootstrap (BOOTSTRAPS) is re-implemented here in numpy by brute force -- for every null value
b0 the restricted model is refitted, B bootstrap samples are drawn and every one is refitted with its CR1
standard error -- with the weights of the C# implementation reproduced by re-implementing its random stream:
xoshiro256** seeded through SplitMix64, replication b from ForChunk(seed, b) (Scoring/Xoshiro256.cs), clusters in
order of first appearance, Webb's six points at floor(6 u). The confidence set is searched with the documented
rule of WildClusterBootstrap: from the estimate step out by se, 2 se, 4 se, ... to the first rejected point,
then bisect to machine precision; a point is accepted when its count of |t*| >= |t| reaches ceil(alpha*B).
"""
import csv
import json
import math
import warnings
import os
import sys

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.outliers_influence import OLSInfluence

HERE = os.path.dirname(os.path.abspath(__file__))

PANEL = ["log_rel_income_per_capita", "log_rel_grp_per_capita", "log_rel_unemployment_rate"]
GEOGRAPHY = ["log_distance_km", "contiguous", "city_hinterland"]
POOLED = ["log_population_origin", "log_population_destination"] + GEOGRAPHY + [
    "log_ratio_income_per_capita", "log_ratio_grp_per_capita", "log_ratio_unemployment_rate"]
PUSH_PULL = ["log_ratio_income_per_capita", "log_ratio_grp_per_capita", "log_ratio_unemployment_rate",
             "log_ratio_avg_monthly_wage", "log_ratio_housing_price_per_m2",
             "log_population_origin", "log_population_destination"] + GEOGRAPHY
PAIR = ["cluster"]
OD = ["origin", "destination"]
STRUCTURAL = ["origin_year", "destination_year"]

MODELS = [
    # name, fixture, kind, outcome, regressors, fixed effects, cluster columns
    dict(name="sim-ols-cluster", fixture="simulated.csv", kind="ols-cluster", outcome="y", regressors=["x1", "x2"], fixed_effects=[], groups=PAIR),
    dict(name="sim-ols-fe-cluster", fixture="simulated.csv", kind="ols-cluster", outcome="y", regressors=["x1", "x2"], fixed_effects=["unit", "year"], groups=PAIR),
    dict(name="sim-ols-cluster2", fixture="simulated.csv", kind="ols-cluster", outcome="y", regressors=["x1", "x2"], fixed_effects=[], groups=["cluster", "year"]),
    dict(name="sim-poisson-hc0", fixture="simulated.csv", kind="poisson-hc0", outcome="count", regressors=["x1", "x2"], fixed_effects=[], groups=PAIR),
    dict(name="sim-poisson-fe-hc0", fixture="simulated.csv", kind="poisson-hc0", outcome="count", regressors=["x1", "x2"], fixed_effects=["unit", "year"], groups=PAIR),
    dict(name="sim-poisson-cluster", fixture="simulated.csv", kind="poisson-cluster", outcome="count", regressors=["x1", "x2"], fixed_effects=["year"], groups=PAIR),
    dict(name="sim-poisson-cluster2", fixture="simulated.csv", kind="poisson-cluster", outcome="count", regressors=["x1", "x2"], fixed_effects=[], groups=["cluster", "year"]),
    dict(name="sim-ols-log-cluster", fixture="simulated.csv", kind="ols-log-cluster", outcome="count", regressors=["x1", "x2"], fixed_effects=["year"], groups=PAIR),
    dict(name="panel-net-migration", fixture="panel.csv", kind="ols-cluster", outcome="net_migration_rate", regressors=PANEL, fixed_effects=["unit", "year"], groups=PAIR),
    dict(name="panel-between", fixture="panel-between.csv", kind="ols-cluster", outcome="net_migration_rate", regressors=PANEL, fixed_effects=["year"], groups=PAIR),
    dict(name="gravity-pooled-ppml", fixture="gravity.csv", kind="poisson-hc0", outcome="flow", regressors=POOLED, fixed_effects=["year"], groups=PAIR),
    dict(name="gravity-pooled-ppml-pair", fixture="gravity.csv", kind="poisson-cluster", outcome="flow", regressors=POOLED, fixed_effects=["year"], groups=PAIR),
    dict(name="gravity-pooled-ppml-od", fixture="gravity.csv", kind="poisson-cluster", outcome="flow", regressors=POOLED, fixed_effects=["year"], groups=OD),
    dict(name="gravity-pooled-ols-pair", fixture="gravity.csv", kind="ols-log-cluster", outcome="flow", regressors=POOLED, fixed_effects=["year"], groups=PAIR),
    dict(name="gravity-pooled-ols-od", fixture="gravity.csv", kind="ols-log-cluster", outcome="flow", regressors=POOLED, fixed_effects=["year"], groups=OD),
    dict(name="gravity-structural-ppml-pair", fixture="gravity.csv", kind="poisson-cluster", outcome="flow", regressors=GEOGRAPHY, fixed_effects=STRUCTURAL, groups=PAIR),
    dict(name="gravity-structural-ppml-od", fixture="gravity.csv", kind="poisson-cluster", outcome="flow", regressors=GEOGRAPHY, fixed_effects=STRUCTURAL, groups=OD),
    dict(name="gravity-structural-ols-pair", fixture="gravity.csv", kind="ols-log-cluster", outcome="flow", regressors=GEOGRAPHY, fixed_effects=STRUCTURAL, groups=PAIR),
    dict(name="gravity-structural-ols-od", fixture="gravity.csv", kind="ols-log-cluster", outcome="flow", regressors=GEOGRAPHY, fixed_effects=STRUCTURAL, groups=OD),
    dict(name="gravity-pushpull-ppml-pair", fixture="gravity.csv", kind="poisson-cluster", outcome="flow", regressors=PUSH_PULL, fixed_effects=["year"], groups=PAIR),
    dict(name="gravity-pushpull-ppml-od", fixture="gravity.csv", kind="poisson-cluster", outcome="flow", regressors=PUSH_PULL, fixed_effects=["year"], groups=OD),
]

BOOTSTRAPS = [
    # wild cluster bootstrap of each coefficient: Webb weights, B = 999, seed 20150101, 95 % (EstimationSpec.Default)
    dict(name="panel-net-migration-wcb", fixture="panel.csv", outcome="net_migration_rate", regressors=PANEL, fixed_effects=["unit", "year"],
         replications=999, weights="webb", seed=20150101, confidence=0.95),
    dict(name="panel-between-wcb", fixture="panel-between.csv", outcome="net_migration_rate", regressors=PANEL, fixed_effects=["year"],
         replications=999, weights="webb", seed=20150101, confidence=0.95),
    dict(name="sim-ols-fe-wcb-rademacher", fixture="simulated.csv", outcome="y", regressors=["x1", "x2"], fixed_effects=["unit", "year"],
         replications=399, weights="rademacher", seed=7, confidence=0.9),
]

INFLUENCE = [
    dict(name="panel-net-migration-influence", fixture="panel.csv", outcome="net_migration_rate", regressors=PANEL, fixed_effects=["unit", "year"]),
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


def read(fixture):
    with open(os.path.join(HERE, fixture), newline="") as f:
        return list(csv.DictReader(f))


def design(rows, m, positive=False):
    keep = [r for r in rows if r[m["outcome"]] != "" and all(r[c] != "" for c in m["regressors"] + m["fixed_effects"])]
    if positive:
        keep = [r for r in keep if float(r[m["outcome"]]) > 0]
    columns = ["(intercept)"] + m["regressors"]
    blocks = [np.ones(len(keep))] + [np.array([float(r[c]) for r in keep]) for c in m["regressors"]]
    for fe in m["fixed_effects"]:
        levels = sorted({r[fe] for r in keep}, key=lambda s: s.encode("utf-8"))
        for level in levels[1:]:
            columns.append(f"{fe}={level}")
            blocks.append(np.array([1.0 if r[fe] == level else 0.0 for r in keep]))
    y = np.array([float(r[m["outcome"]]) for r in keep])
    return y, np.column_stack(blocks), columns, keep, len(rows) - len(keep)


def number(v):
    """A float, or None where it is not a number: a two-way covariance can have negative diagonal elements (here only
    for fixed-effect dummies), whose square root statsmodels reports as NaN; 'variance' keeps the raw diagonal."""
    return None if math.isnan(v) else float(v)


def codes(values):
    return np.unique(values, return_inverse=True)[1]


def fit(m):
    rows = read(m["fixture"])
    kind = m["kind"]
    y, x, columns, keep, dropped = design(rows, m, positive=kind == "ols-log-cluster")
    groups = np.column_stack([codes([r[c] for r in keep]) for c in m["groups"]])
    groups = groups[:, 0] if groups.shape[1] == 1 else groups
    conf = None
    if kind == "ols-cluster":
        res = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
        note = "statsmodels OLS.fit(cov_type='cluster', cov_kwds={'groups': g}, use_t=True) -- default use_correction=True"
    elif kind == "ols-log-cluster":
        res = sm.OLS(np.log(y), x).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
        note = "statsmodels OLS(log y).fit(cov_type='cluster', cov_kwds={'groups': g}, use_t=True), rows with y > 0"
    elif kind == "poisson-hc0":
        res = sm.GLM(y, x, family=sm.families.Poisson()).fit(cov_type="HC0", tol=1e-13)
        note = "statsmodels GLM(family=Poisson()).fit(cov_type='HC0')"
    elif kind == "poisson-cluster":
        res = sm.GLM(y, x, family=sm.families.Poisson()).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True, tol=1e-13)
        note = "statsmodels GLM(family=Poisson()).fit(cov_type='cluster', cov_kwds={'groups': g}, use_t=True) -- default use_correction=True"
    else:
        raise ValueError(kind)
    if kind != "poisson-hc0":
        conf = [[number(a), number(b)] for a, b in np.asarray(res.conf_int(0.05))]
    out = dict(name=m["name"], fixture=m["fixture"], kind=kind, outcome=m["outcome"], regressors=m["regressors"],
               fixed_effects=m["fixed_effects"], groups=m["groups"], n=int(len(y)), dropped=int(dropped),
               clusters=[int(len(set(r[c] for r in keep))) for c in m["groups"]],
               columns=columns, params=[float(v) for v in res.params], bse=[number(v) for v in res.bse],
               variance=[float(v) for v in np.diag(res.cov_params())], method=note)
    if conf is not None:
        out["conf_int"] = conf
        out["df"] = int(res.df_resid_inference)
    return out


# ---- the project's random stream (Scoring/Xoshiro256.cs), for the bootstrap weights -------------------------------
MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(v, k):
    return ((v << k) | (v >> (64 - k))) & MASK


class Xoshiro256:
    def __init__(self, seed):
        x = seed & MASK
        s = []
        for _ in range(4):
            x, v = splitmix64(x)
            s.append(v)
        self.s = s

    @staticmethod
    def for_chunk(seed, index):
        x = (seed ^ 0x6A09E667F3BCC909) & MASK
        x, mixed = splitmix64(x)
        x = (mixed + index * 0xD1B54A32D192ED03) & MASK
        x, v = splitmix64(x)
        return Xoshiro256(v)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def next_double(self):
        return (self.next() >> 11) * (1.0 / (1 << 53))


WEBB = [-math.sqrt(1.5), -1.0, -math.sqrt(0.5), math.sqrt(0.5), 1.0, math.sqrt(1.5)]


def weights(replications, clusters, kind, seed):
    w = np.empty((replications, clusters))
    for b in range(replications):
        rng = Xoshiro256.for_chunk(seed, b)
        for g in range(clusters):
            w[b, g] = (-1.0 if (rng.next() >> 63) == 0 else 1.0) if kind == "rademacher" else WEBB[int(rng.next_double() * 6)]
    return w


def quantile7(sorted_values, p):
    h = (len(sorted_values) - 1) * p
    lo = int(math.floor(h))
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


def bootstrap(m):
    """Brute force: every null value refits the restricted model and every replication refits the full one."""
    rows = read(m["fixture"])
    y, x, columns, keep, _ = design(rows, m)
    n, k = x.shape
    order = []
    for r in keep:
        if r["cluster"] not in order:
            order.append(r["cluster"])          # clusters in order of first appearance, as the C# weights
    gid = np.array([order.index(r["cluster"]) for r in keep])
    g = len(order)
    member = np.zeros((g, n))
    member[gid, np.arange(n)] = 1.0
    c = g / (g - 1.0) * (n - 1.0) / (n - k)
    xtx_inv = np.linalg.inv(x.T @ x)
    a = xtx_inv @ x.T
    w = weights(m["replications"], g, m["weights"], m["seed"])
    v = w[:, gid].T                                  # n x B: each row's cluster weight
    beta = a @ y
    resid = y - x @ beta
    alpha = 1 - m["confidence"]
    needed = math.ceil(alpha * m["replications"] - 1e-9)
    out = []
    for name in m["regressors"]:
        j = columns.index(name)

        def cr1_se(residuals):                       # residuals: n x B (or n); sandwich with the full meat
            r2 = residuals if residuals.ndim == 2 else residuals[:, None]
            scores = np.einsum("ik,ib->kib", x, r2)   # k x n x B
            sums = np.einsum("gi,kib->gkb", member, scores)
            proj = np.einsum("k,gkb->gb", xtx_inv[j], sums)
            return np.sqrt(c * (proj ** 2).sum(axis=0))

        se = float(cr1_se(resid)[0])
        others = [col for col in range(k) if col != j]
        xr = x[:, others]

        def count(b0):
            gamma = np.linalg.lstsq(xr, y - b0 * x[:, j], rcond=None)[0]
            fitted = b0 * x[:, j] + xr @ gamma
            u = y - fitted
            ystar = fitted[:, None] + v * u[:, None]
            bstar = a @ ystar
            rstar = ystar - x @ bstar
            tstar = (bstar[j] - b0) / cr1_se(rstar)
            t = (beta[j] - b0) / se
            return int((np.abs(tstar) >= abs(t)).sum())

        def accepted(b0):
            return count(b0) >= needed

        def endpoint(direction):
            inside, step = beta[j], se
            outside = beta[j] + direction * step
            doubling = 0
            while accepted(outside):
                if doubling == 60:
                    return direction * math.inf
                inside, step = outside, step * 2
                outside = beta[j] + direction * step
                doubling += 1
            for _ in range(2000):
                mid = inside + (outside - inside) / 2
                if mid == inside or mid == outside:
                    break
                if accepted(mid):
                    inside = mid
                else:
                    outside = mid
            return float(inside)

        # WCU: bootstrap of the unrestricted model, t* centred at the estimate.
        ystar = (x @ beta)[:, None] + v * resid[:, None]
        bstar = a @ ystar
        tu = np.sort(np.abs((bstar[j] - beta[j]) / cr1_se(ystar - x @ bstar)))
        critical = quantile7(list(tu), m["confidence"])
        out.append(dict(column=name, estimate=float(beta[j]), se=se, p_value=count(0.0) / m["replications"],
                        wcr_lower=endpoint(-1), wcr_upper=endpoint(+1), critical=float(critical),
                        wcu_lower=float(beta[j] - critical * se), wcu_upper=float(beta[j] + critical * se)))
    return dict(name=m["name"], fixture=m["fixture"], outcome=m["outcome"], regressors=m["regressors"], fixed_effects=m["fixed_effects"],
                replications=m["replications"], weights=m["weights"], seed=m["seed"], confidence=m["confidence"], clusters=g, n=n,
                method="numpy brute force (restricted refit per null value, full refit per replication); weights from the re-implemented xoshiro256** stream",
                coefficients=out)


def influence(m):
    rows = read(m["fixture"])
    y, x, columns, keep, _ = design(rows, m)
    res = sm.OLS(y, x).fit()
    inf = OLSInfluence(res)
    dfbeta = np.asarray(inf.dfbeta)
    dfbetas = np.asarray(inf.dfbetas)
    return dict(name=m["name"], fixture=m["fixture"], outcome=m["outcome"], regressors=m["regressors"], fixed_effects=m["fixed_effects"],
                method="statsmodels OLSInfluence(OLS(y, X).fit()).dfbeta / .dfbetas (leave-one-observation-out refits)",
                labels=[r["label"] for r in keep],
                dfbeta={name: [float(v) for v in dfbeta[:, columns.index(name)]] for name in m["regressors"]},
                dfbetas={name: [float(v) for v in dfbetas[:, columns.index(name)]] for name in m["regressors"]})


def available(m):
    if os.path.exists(os.path.join(HERE, m["fixture"])):
        return True
    print(f"skipping {m['name']}: {m['fixture']} not found (export it first)", file=sys.stderr)
    return False


def main():
    warnings.filterwarnings("ignore", message="invalid value encountered in sqrt")   # the NaN standard errors above
    sim = os.path.join(HERE, "simulated.csv")
    if not os.path.exists(sim):
        simulate(sim)
    out = dict(generator="make_reference.py", statsmodels=statsmodels.__version__, numpy=np.__version__, scipy=scipy.__version__,
               python=sys.version.split()[0], models=[], bootstraps=[], influence=[])
    out["models"] = [fit(m) for m in MODELS if available(m)]
    out["bootstraps"] = [bootstrap(m) for m in BOOTSTRAPS if available(m)]
    out["influence"] = [influence(m) for m in INFLUENCE if available(m)]
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

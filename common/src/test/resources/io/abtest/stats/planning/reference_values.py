"""Reference values for io.abtest.stats.planning, computed offline (CI does not run this).

Run: python reference_values.py [--grids]   (scipy 1.17.1, statsmodels 0.15.0, numpy 2.4.6, Python 3.11)
Prints each inline case as the exact call and its value (pasted into the *Test.java files above each number);
with --grids also writes proportion_sample_sizes.csv, t_sample_sizes.csv and t_sample_sizes_wide.csv next to
this script and prints how far CentralTPower's formula is from the wide grid's exact n1.

statsmodels' solve_power stops its root finder at xtol=1e-5 (absolute, on n). The values given for solve_power
calls are the root of the same statsmodels power function found by brentq at full precision; the script checks
that solve_power's own answer is within 1e-5 of it (it is within 1e-10 relative for n > 1000).
"""
import math
import os
import sys
import warnings

import numpy as np
import scipy
import statsmodels
from scipy import optimize, stats
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.proportion import proportion_effectsize, samplesize_proportions_2indep_onetail

EPS = np.finfo(float).eps
HERE = os.path.dirname(os.path.abspath(__file__))


def tight_root(f, low, high):
    return optimize.brentq(f, low, high, xtol=1e-300, rtol=4 * EPS, maxiter=1000)


def normal_n(h, alpha, power, ratio, alt):
    """solve_power's answer, to full precision: its own root finder stops at xtol=1e-5 (checked here)."""
    n = NormalIndPower().solve_power(effect_size=h, alpha=alpha, power=power, ratio=ratio, alternative=alt)
    exact = tight_root(lambda x: NormalIndPower().power(h, x, alpha, ratio=ratio, alternative=alt) - power,
                       1e-6, 1e12)
    assert np.isnan(n) or abs(n - exact) < 1e-5, (n, exact)  # nan: solve_power did not converge (n1 < 2)
    return exact


def ttest_n(d, alpha, power, ratio, alt):
    """TTestIndPower's n1 at full precision (its power function, root by brentq)."""
    nz = normal_n(d, alpha, power, ratio, alt)
    low = 2.0 / (1 + ratio) + 1e-3
    return tight_root(lambda x: TTestIndPower().power(d, x, alpha, ratio=ratio, alternative=alt) - power,
                      low, 1.1 * nz + 3)


def central_t_power(d, n, alpha, ratio, alt):
    """CentralTPower eq. (2)/(3): the noncentral t replaced by a shifted central t, both tails when two-sided."""
    nu = n * (1 + ratio) - 2
    u = d * np.sqrt(n * ratio / (1 + ratio))
    crit = stats.t.isf(alpha / 2 if alt == 'two-sided' else alpha, nu)
    near = stats.t.cdf(u - crit, nu)
    return near + stats.t.cdf(-u - crit, nu) if alt == 'two-sided' else near


def central_t_n(d, alpha, power, ratio, alt):
    """CentralTPower's sample size, solved with scipy's t distribution."""
    high = 1.2 * normal_n(d, alpha, power, ratio, alt) + 10
    return tight_root(lambda n: central_t_power(d, n, alpha, ratio, alt) - power, 2.0 / (1 + ratio) + 1e-3, high)


def show(call, value):
    print(f"// {call}\n{value!r}")


def inline_cases():
    print(f"# scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")
    print("## Cohen's h with NormalIndPower")
    for p1, p2, alpha, power, ratio, alt in [
            (0.1, 0.102, 0.05, 0.8, 1, 'two-sided'),
            (0.1, 0.12, 0.05, 0.8, 2, 'larger'),
            (0.5, 0.6, 0.05, 0.9, 1, 'two-sided'),
            (0.001, 0.0015, 0.05, 0.8, 1, 'two-sided'),
            (0.98, 0.99, 0.01, 0.9, 2, 'two-sided'),
            (0.2, 0.15, 0.05, 0.8, 1, 'smaller'),
            (0.1, 0.5, 0.05, 0.8, 1, 'two-sided'),
            (0.3, 0.31, 0.1, 0.95, 0.5, 'two-sided')]:
        h = proportion_effectsize(p2, p1)
        show(f"NormalIndPower().solve_power(effect_size=proportion_effectsize({p2}, {p1}), alpha={alpha}, "
             f"power={power}, ratio={ratio}, alternative='{alt}')", normal_n(h, alpha, power, ratio, alt))
    print("## detectable h for n (NormalIndPower), and its p2 = sin(asin(sqrt(p1)) + h/2)^2")
    for p1, n, alpha, power, ratio, alt in [(0.1, 10000, 0.05, 0.8, 1, 'two-sided'),
                                            (0.02, 50000, 0.05, 0.8, 2, 'larger')]:
        h = NormalIndPower().solve_power(effect_size=None, nobs1=n, alpha=alpha, power=power, ratio=ratio,
                                         alternative=alt)
        exact = tight_root(lambda x: NormalIndPower().power(x, n, alpha, ratio=ratio, alternative=alt) - power,
                           1e-9, 10)
        show(f"NormalIndPower().solve_power(effect_size=None, nobs1={n}, alpha={alpha}, power={power}, "
             f"ratio={ratio}, alternative='{alt}')  # brentq to full precision: {exact!r}", h)
        show("np.sin(np.arcsin(np.sqrt(p1)) + h / 2) ** 2 with h the full-precision root",
             np.sin(np.arcsin(np.sqrt(p1)) + exact / 2) ** 2)
    print("## power")
    h = proportion_effectsize(0.12, 0.1)
    show("NormalIndPower().power(effect_size=proportion_effectsize(0.12, 0.1), nobs1=3000, alpha=0.05, "
         "ratio=1, alternative='two-sided')",
         NormalIndPower().power(h, 3000, 0.05, ratio=1, alternative='two-sided'))
    print("## pooled formula, ratio != 1 (statsmodels; group 1 = control)")
    for p1, p2, alpha, power, ratio, alt in [(0.1, 0.12, 0.05, 0.8, 2, 'two-sided'),
                                             (0.05, 0.045, 0.05, 0.9, 0.5, 'smaller'),
                                             (0.1, 0.102, 0.05, 0.8, 1, 'two-sided')]:
        show(f"samplesize_proportions_2indep_onetail(diff={p1} - {p2}, prop2={p2}, power={power}, "
             f"ratio={ratio}, alpha={alpha}, alternative='{alt}')",
             samplesize_proportions_2indep_onetail(diff=p1 - p2, prop2=p2, power=power, ratio=ratio,
                                                   alpha=alpha, alternative=alt))
    print("## means, normal (NormalIndPower with effect_size=d)")
    for d, alpha, power, ratio, alt in [(0.1, 0.05, 0.8, 1, 'two-sided'), (0.02, 0.05, 0.8, 2, 'larger'),
                                        (1.5, 0.01, 0.9, 1, 'two-sided')]:
        show(f"NormalIndPower().solve_power(effect_size={d}, alpha={alpha}, power={power}, ratio={ratio}, "
             f"alternative='{alt}')", normal_n(d, alpha, power, ratio, alt))
    print("## means, exact t (TTestIndPower, full precision) and eq. (2) with scipy t quantiles")
    for d, alpha, power, ratio, alt in [(0.5, 0.05, 0.8, 1, 'two-sided'), (0.2, 0.05, 0.8, 2, 'larger'),
                                        (1.0, 0.01, 0.9, 1, 'two-sided'), (0.05, 0.05, 0.8, 1, 'two-sided')]:
        show(f"TTestIndPower().solve_power(effect_size={d}, alpha={alpha}, power={power}, ratio={ratio}, "
             f"alternative='{alt}')  # root of TTestIndPower().power by brentq to full precision",
             ttest_n(d, alpha, power, ratio, alt))
        show(f"brentq on central_t_power(d={d}, n, alpha={alpha}, ratio={ratio}, alt='{alt}') - {power}",
             central_t_n(d, alpha, power, ratio, alt))
    show("central_t_power(0.4, 20, 0.05, 2, 'two-sided')", central_t_power(0.4, 20, 0.05, 2, 'two-sided'))
    show("(stats.t.isf(0.05, 98) + stats.t.ppf(0.8, 98)) / np.sqrt(50 * 1 / 2)  # one-sided MDE, n1=50, r=1",
         (stats.t.isf(0.05, 98) + stats.t.ppf(0.8, 98)) / np.sqrt(50 / 2))
    show("brentq on central_t_power(0.4, 20, 0.05, 2, 'two-sided') - 0.8 in d  # two-sided MDE, n1=20, r=2",
         tight_root(lambda d: central_t_power(d, 20, 0.05, 2, 'two-sided') - 0.8, 1e-6, 10))


def grids():
    rows = ["# Made by reference_values.py --grids (scipy %s, statsmodels %s)." % (scipy.__version__,
                                                                                  statsmodels.__version__),
            "# arcsine_n: NormalIndPower().solve_power(effect_size=proportion_effectsize(p2, p1), alpha, power, "
            "ratio, alternative)",
            "# pooled_n: samplesize_proportions_2indep_onetail(diff=p1 - p2, prop2=p2, power, ratio, alpha, "
            "alternative); control = group 1",
            "p1,p2,alpha,power,ratio,alternative,arcsine_n,pooled_n"]
    for p1 in [0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.8, 0.95, 0.99]:
        for lift in [-0.1, 0.01, 0.05, 0.2]:
            p2 = p1 * (1 + lift)
            if not 0 < p2 < 1:
                continue
            for alpha, power in [(0.05, 0.8), (0.01, 0.9)]:
                for ratio in [1, 2, 0.25]:
                    for alt in ['two-sided', 'one-sided']:
                        sm_alt = alt if alt == 'two-sided' else ('larger' if p2 > p1 else 'smaller')
                        h = proportion_effectsize(p2, p1)
                        a = normal_n(h, alpha, power, ratio, sm_alt)
                        b = samplesize_proportions_2indep_onetail(diff=p1 - p2, prop2=p2, power=power,
                                                                  ratio=ratio, alpha=alpha, alternative=sm_alt)
                        rows.append(f"{p1!r},{p2!r},{alpha},{power},{ratio},{alt},{float(a)!r},{float(b)!r}")
    with open(os.path.join(HERE, "proportion_sample_sizes.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")

    rows = ["# Made by reference_values.py --grids (scipy %s, statsmodels %s)." % (scipy.__version__,
                                                                                  statsmodels.__version__),
            "# ttest_n: root of TTestIndPower().power(d, n1, alpha, ratio=ratio, alternative=alternative) = power"
            " by brentq at full precision",
            "# normal_n: NormalIndPower().solve_power(effect_size=d, alpha, power, ratio, alternative)",
            "d,alpha,power,ratio,alternative,ttest_n,normal_n"]
    for d in [0.005, 0.02, 0.05, 0.1, 0.2, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0]:
        for alpha, power in [(0.05, 0.8), (0.01, 0.9)]:
            for ratio in [1, 2]:
                for alt in ['two-sided', 'one-sided']:
                    sm_alt = 'two-sided' if alt == 'two-sided' else 'larger'
                    rows.append(f"{d},{alpha},{power},{ratio},{alt},{ttest_n(d, alpha, power, ratio, sm_alt)!r},"
                                f"{normal_n(d, alpha, power, ratio, sm_alt)!r}")
    with open(os.path.join(HERE, "t_sample_sizes.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    wide_t_grid()


WIDE_D = [0.01, 0.1, 0.5, 1, 2]
WIDE_ALPHA = [0.001, 0.01, 0.05, 0.2]
WIDE_POWER = [0.5, 0.8, 0.9, 0.99]
WIDE_RATIO = [0.1, 0.25, 0.5, 1, 2, 4, 10]


def solved_ttest_n(d, alpha, power, ratio, alt):
    """(n1, None) with n1 = TTestIndPower().solve_power's nobs1 refined to full precision, or (None, why not)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        n = TTestIndPower().solve_power(effect_size=d, alpha=alpha, power=power, ratio=ratio, alternative=alt)
    if np.isnan(n):
        return None, "solve_power did not converge (nan)"

    def excess(x):
        return TTestIndPower().power(d, x, alpha, ratio=ratio, alternative=alt) - power

    try:
        exact = tight_root(excess, n * (1 - 1e-3), n * (1 + 1e-3))
    except ValueError:
        return None, f"TTestIndPower().power is nan within 0.1% of solve_power's n1 = {n!r}"
    assert abs(n - exact) < 1e-5, (d, alpha, power, ratio, alt, n, exact)  # solve_power's xtol
    return exact, None


def wide_t_grid():
    """t_sample_sizes_wide.csv; prints CentralTPower's formula (scipy) against it."""
    rows, dropped = [], []
    for d in WIDE_D:
        for alpha in WIDE_ALPHA:
            for power in WIDE_POWER:
                for ratio in WIDE_RATIO:
                    for alt in ['two-sided', 'one-sided']:
                        sm_alt = 'two-sided' if alt == 'two-sided' else 'larger'
                        n, why = solved_ttest_n(d, alpha, power, ratio, sm_alt)
                        if n is None:
                            dropped.append(f"# dropped {d},{alpha},{power},{ratio},{alt}: {why}")
                        else:
                            rows.append((d, alpha, power, ratio, alt, sm_alt, n))
    header = [
        "# Made by reference_values.py --grids (scipy %s, statsmodels %s, numpy %s, Python %s)."
        % (scipy.__version__, statsmodels.__version__, np.__version__, sys.version.split()[0]),
        "# Grid: d %s x alpha %s x power %s x ratio %s x alternative two-sided, one-sided ('larger'): %d points,"
        % (WIDE_D, WIDE_ALPHA, WIDE_POWER, WIDE_RATIO, len(rows) + len(dropped)),
        "# %d kept, %d dropped (listed below): solve_power does not converge where n1 < 2 (its search starts at 2);"
        % (len(rows), len(dropped)),
        "# at alpha 0.001, power 0.99, two-sided, TTestIndPower().power is nan near the root (scipy.special.nctdtr"
        " in the far tail); solve_power takes nan for too much power, so its answer there is not reliably a root.",
        "# ttest_n: nobs1 = TTestIndPower().solve_power(effect_size=d, alpha=alpha, power=power, ratio=ratio,"
        " alternative=alternative), refined to full precision: the brentq root of",
        "# TTestIndPower().power(d, nobs1, alpha, ratio=ratio, alternative=alternative) = power between 0.999 and"
        " 1.001 times solve_power's nobs1 (which is within its xtol 1e-5 of that root).",
    ] + dropped + ["d,alpha,power,ratio,alternative,ttest_n"]
    with open(os.path.join(HERE, "t_sample_sizes_wide.csv"), "w") as f:
        f.write("\n".join(header + [f"{d},{alpha},{power},{ratio},{alt},{n!r}"
                                     for d, alpha, power, ratio, alt, _, n in rows]) + "\n")

    print(f"## CentralTPower's formula (scipy t) against t_sample_sizes_wide.csv, {len(rows)} points")
    deviations, short = [], []
    for d, alpha, power, ratio, alt, sm_alt, exact in rows:
        low = 2.1 / (1 + ratio)  # nu = 0.1: power about alpha; scipy's t is unreliable for nu near 0
        high = 2 * exact
        while central_t_power(d, high, alpha, ratio, sm_alt) < power:
            high *= 2
        n = tight_root(lambda x: central_t_power(d, x, alpha, ratio, sm_alt) - power, low, high)
        where = f"d={d}, alpha={alpha}, power={power}, ratio={ratio}, {alt}"
        deviations.append((n - exact, where, exact))
        control, treatment = math.ceil(n), math.ceil(ratio * n)
        if control < exact:
            delivered = float(TTestIndPower().power(d, control, alpha, ratio=treatment / control, alternative=sm_alt))
            short.append((delivered - power, delivered, control, treatment, exact, where))
    deviations.sort()
    print(f"central t n1 - exact n1: from {deviations[0][0]!r} ({deviations[0][1]}, exact n1 {deviations[0][2]!r})"
          f" to {deviations[-1][0]!r} ({deviations[-1][1]}, exact n1 {deviations[-1][2]!r})")
    short.sort()
    print(f"ceil(central t n1) < exact n1 at {len(short)} points; TTestIndPower().power(d, ceil(n1), alpha,"
          f" ratio=ceil(ratio n1) / ceil(n1)) below the planned power at {sum(s[0] < 0 for s in short)};"
          f" lowest: {short[0][1]!r} (n1={short[0][2]}, n2={short[0][3]}, exact n1 {short[0][4]!r}, {short[0][5]})")


if __name__ == "__main__":
    inline_cases()
    if "--grids" in sys.argv:
        grids()

"""Reference values pinned in io.abtest.stats.srm and io.abtest.stats.multiple tests.

Run offline with scipy and statsmodels installed:  python reference_values.py
It prints, for every case, the exact call and the values at full double precision (repr), which the tests
copy with the call on the line above. CI does not run this script.
"""
import numpy as np
import scipy
import statsmodels
from scipy.special import gammaln
from scipy.stats import chisquare
from statsmodels.stats.multitest import multipletests

print(f"# scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, numpy {np.__version__}")

CHI_SQUARE_CASES = [
    ([5100, 4900], [1, 1]),
    ([10120, 9880, 5050], [40, 40, 20]),
    ([100000, 1], [1, 1]),
    ([3, 0], [1, 1]),
    ([1, 1], [1, 3]),
    ([90500, 9500], [90, 10]),
    ([500, 500], [1, 1]),
    ([821588, 815482], [1, 1]),
    ([1000, 1010, 990, 1100], [1, 1, 1, 1]),
]
print("\n# chi-square goodness of fit")
for observed, weights in CHI_SQUARE_CASES:
    n = sum(observed)
    expected = [n * w / sum(weights) for w in weights]
    result = chisquare(observed, f_exp=expected)
    print(f"scipy.stats.chisquare({observed}, f_exp={expected})")
    print(f"  statistic={float(result.statistic)!r} pvalue={float(result.pvalue)!r}")


def log_bayes_factor(counts, shares, concentration):
    x = np.asarray(counts, dtype=float)
    p = np.asarray(shares, dtype=float)
    alpha = concentration * p
    a = alpha.sum()
    return (gammaln(a) - gammaln(a + x.sum())
            + np.sum(gammaln(alpha + x) - gammaln(alpha))
            - np.sum(x * np.log(p)))


LOG_BF_CASES = [
    ([5100, 4900], [0.5, 0.5], 10000.0),
    ([10120, 9880, 5050], [0.4, 0.4, 0.2], 10000.0),
    ([50500, 49500], [0.5, 0.5], 10000.0),
    ([3, 0], [0.5, 0.5], 1.0),
    ([1000000, 1000000], [0.5, 0.5], 10000.0),
    ([90500, 9500], [0.9, 0.1], 100.0),
    ([101200, 98000, 50800], [0.4, 0.4, 0.2], 10000.0),
]
print("\n# log Bayes factor of the Dirichlet-multinomial mixture")
for counts, shares, concentration in LOG_BF_CASES:
    value = log_bayes_factor(counts, shares, concentration)
    print(f"log_bayes_factor({counts}, {shares}, {concentration})")
    print(f"  logBF={float(value)!r}")

MULTIPLE_CASES = [
    [0.01, 0.04, 0.03, 0.005],
    [0.02, 0.02, 0.02, 0.5],
    [0.0, 1.0, 0.04, 0.2],
    [0.03],
    [0.5, 0.7, 0.9],
    [0.025, 0.5],
    [1e-10, 3e-08, 0.002, 0.0021, 0.9],
    [0.041, 0.001, 0.35, 0.0088, 0.049, 0.013, 0.77, 0.0004, 0.21, 0.046],
]
print("\n# multipletests")
for method in ["bonferroni", "holm", "fdr_bh"]:
    for pvals in MULTIPLE_CASES:
        reject, corrected, _, _ = multipletests(pvals, alpha=0.05, method=method)
        print(f"multipletests({pvals}, alpha=0.05, method='{method}')")
        print("  corrected={" + ", ".join(repr(float(v)) for v in corrected) + "}")
        print("  reject={" + ", ".join("true" if r else "false" for r in reject) + "}")

# The same log Bayes factors at 50 significant digits (mpmath), to show how much of the double-precision
# gammaln evaluation above is rounding: its lnGamma terms reach 10^7 and cancel to results of size 1.
import mpmath

mpmath.mp.dps = 50
print(f"\n# log Bayes factor, mpmath {mpmath.__version__} at mp.dps = 50")
for counts, shares, concentration in LOG_BF_CASES:
    alpha = [mpmath.mpf(concentration) * mpmath.mpf(p) for p in shares]
    a = sum(alpha)
    value = (mpmath.loggamma(a) - mpmath.loggamma(a + sum(counts))
             + sum(mpmath.loggamma(al + x) - mpmath.loggamma(al) for al, x in zip(alpha, counts))
             - sum(x * mpmath.log(mpmath.mpf(p)) for x, p in zip(counts, shares)))
    print(f"mpmath_log_bayes_factor({counts}, {shares}, {concentration})")
    print(f"  logBF={mpmath.nstr(value, 17)}")

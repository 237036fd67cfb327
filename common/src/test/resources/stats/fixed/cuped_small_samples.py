"""Small-sample behaviour of RegressionAdjustment (CUPED), quoted in its Javadoc and the README.

Run from this directory with the venv that has scipy and statsmodels (a few minutes):
    /tmp/refenv/bin/python cuped_small_samples.py
Prints, with fixed seeds:
1. SE / HC2 and SE / OLS over 200 data sets where the residual standard deviation is proportional to the covariate
   (statsmodels OLS(y, add_constant(column_stack([treatment, c]))).fit(cov_type='HC2' / 'nonrobust').bse[1]).
2. A/A false-positive rates at alpha 0.05, 20 vs 600 units, for residuals of growing skewness: the t reference
   with the Welch-Satterthwaite df of RegressionAdjustment (eqs. 1-8 of its Javadoc, re-implemented here with
   numpy), and the normal reference with var(z - theta c, ddof=1) / n per variant that the class used before.
3. The same rate with 25 g1^2 units in the smaller variant (Cochran's rule; g1 = the residual's skewness).
Data: c ~ log-normal(2, 0.5) per unit, y = 0.8 c + residual.
"""
import numpy as np
import statsmodels.api as sm
from scipy import stats


def comoments(a, b):
    return ((a - a.mean(-1, keepdims=True)) * (b - b.mean(-1, keepdims=True))).sum(-1)


def cuped(yc, cc, yt, ct):
    """Difference, SE, df of eqs. (1)-(8), and the former normal-reference SE, along the last axis."""
    nc, nt = yc.shape[-1], yt.shape[-1]
    ccc, cct = comoments(cc, cc), comoments(ct, ct)
    total = ccc + cct
    theta = (comoments(yc, cc) + comoments(yt, ct)) / total
    rc = comoments(yc, yc) - 2 * theta * comoments(yc, cc) + theta ** 2 * ccc
    rt = comoments(yt, yt) - 2 * theta * comoments(yt, ct) + theta ** 2 * cct
    imbalance = ct.mean(-1) - cc.mean(-1)
    diff = yt.mean(-1) - yc.mean(-1) - theta * imbalance
    nu_c, nu_t = nc - 1 - ccc / total, nt - 1 - cct / total
    v_c = rc / nu_c * (1 / nc + imbalance ** 2 * ccc / total ** 2)
    v_t = rt / nu_t * (1 / nt + imbalance ** 2 * cct / total ** 2)
    df = (v_c + v_t) ** 2 / (v_c ** 2 / nu_c + v_t ** 2 / nu_t)
    former = np.sqrt(rc / (nc - 1) / nc + rt / (nt - 1) / nt)
    return diff, np.sqrt(v_c + v_t), df, former


def standard_errors():
    rng = np.random.default_rng(20240406)
    for sigma_c in (0.5, 1.0):
        for nc, nt, noise_c, noise_t in [(13, 620, 1, 1), (39, 660, 3, 1), (91, 900, 1, 1)]:
            ratios = []
            for _ in range(200):
                arms = []
                for n, noise in ((nc, noise_c), (nt, noise_t)):
                    c = rng.lognormal(2.0, sigma_c, n)
                    arms += [0.8 * c + noise * c / 8 * rng.normal(0, 1, n), c]
                yc, cc, yt, ct = arms
                _, se, _, _ = cuped(yc, cc, yt, ct)
                x = sm.add_constant(np.column_stack([np.r_[np.zeros(nc), np.ones(nt)], np.r_[cc, ct]]))
                model = sm.OLS(np.r_[yc, yt], x)
                ratios.append((se / model.fit(cov_type="HC2").bse[1], se / model.fit().bse[1]))
            r = np.array(ratios)
            print(f"c log-normal(2, {sigma_c}), residual sd = noise c / 8, {nc} vs {nt}, noise {noise_c}/{noise_t}: "
                  f"SE/HC2 min {r[:, 0].min():.2f} median {np.median(r[:, 0]):.3f} max {r[:, 0].max():.2f}; "
                  f"SE/OLS min {r[:, 1].min():.2f} median {np.median(r[:, 1]):.2f} max {r[:, 1].max():.2f}")


RESIDUALS = {
    "normal": (0.0, lambda rng, shape: rng.normal(0, 1, shape)),
    "Gamma(16, 1)": (0.5, lambda rng, shape: rng.gamma(16, 1, shape)),
    "Gamma(4, 1)": (1.0, lambda rng, shape: rng.gamma(4, 1, shape)),
    "Gamma(2, 1)": (2 ** 0.5, lambda rng, shape: rng.gamma(2, 1, shape)),
    "log-normal(0, 0.5)": (1.7502, lambda rng, shape: rng.lognormal(0, 0.5, shape)),
    "log-normal(0, 1)": (6.1849, lambda rng, shape: rng.lognormal(0, 1, shape)),
}


def rates(rng, nc, nt, residual, experiments, chunk=10_000):
    draw = RESIDUALS[residual][1]
    t_rejections = normal_rejections = 0
    for start in range(0, experiments, chunk):
        r = min(chunk, experiments - start)
        cc, ct = rng.lognormal(2.0, 0.5, (r, nc)), rng.lognormal(2.0, 0.5, (r, nt))
        yc, yt = 0.8 * cc + draw(rng, (r, nc)), 0.8 * ct + draw(rng, (r, nt))
        diff, se, df, former = cuped(yc, cc, yt, ct)
        t_rejections += (2 * stats.t.sf(np.abs(diff / se), df) < 0.05).sum()
        normal_rejections += (2 * stats.norm.sf(np.abs(diff / former)) < 0.05).sum()
    return t_rejections / experiments, normal_rejections / experiments


def false_positive_rates():
    rng = np.random.default_rng(20240407)
    for residual, (skewness, _) in RESIDUALS.items():
        t_rate, normal_rate = rates(rng, 20, 600, residual, 100_000)
        print(f"20 vs 600, {residual} residual (skewness {skewness:.2f}), 100,000 experiments: "
              f"t {t_rate:.4f}, former normal {normal_rate:.4f}")
    for residual, nc, nt, experiments in [("Gamma(4, 1)", 25, 600, 40_000), ("Gamma(2, 1)", 50, 600, 40_000),
                                          ("log-normal(0, 0.5)", 77, 770, 20_000),
                                          ("log-normal(0, 1)", 957, 2000, 10_000)]:
        t_rate, _ = rates(rng, nc, nt, residual, experiments, chunk=1000 if nc > 500 else 10_000)
        print(f"{nc} vs {nt} (25 g1^2 = {25 * RESIDUALS[residual][0] ** 2:.0f}), {residual} residual, "
              f"{experiments:,} experiments: t {t_rate:.4f}")


if __name__ == "__main__":
    standard_errors()
    false_positive_rates()

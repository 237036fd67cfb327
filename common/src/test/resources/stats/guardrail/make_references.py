"""Reference numbers pinned in io.abtest.stats.guardrail's tests.

Run with statsmodels 0.15.0, scipy 1.17.1, numpy 2.4.6 (python 3.11):
    python make_references.py
Every number is printed with repr() (full double precision) next to the call that made it.
"""
import numpy as np
from scipy.stats import binom
from statsmodels.stats.proportion import proportion_confint, confint_proportions_2indep


def show(call, value):
    print(f"# {call}\n{value!r}")


print("## Wilson one-sided bounds at level 1 - alpha = two-sided Wilson interval at 1 - 2 alpha")
for count, nobs, alpha in [(1, 3, 0.05), (18, 300, 0.05), (120, 2000, 0.05), (0, 500, 0.05), (500, 500, 0.05),
                           (7, 1_000_000, 0.05), (999, 1000, 0.025), (18, 300, 0.001), (3, 3, 0.05)]:
    low, upp = proportion_confint(count, nobs, alpha=2 * alpha, method='wilson')
    show(f"proportion_confint({count}, {nobs}, alpha={2 * alpha!r}, method='wilson')", (low, upp))

print("## Newcombe hybrid score (method 10) bounds of p_T - p_C, one-sided at 1 - alpha")
for c1, n1, c2, n2, alpha in [(18, 300, 9, 300, 0.05), (120, 2000, 60, 2000, 0.05), (0, 1000, 5, 1000, 0.05),
                              (3, 100, 0, 100, 0.025), (10, 1000, 10, 1000, 0.05)]:
    low, upp = confint_proportions_2indep(c1, n1, c2, n2, method='newcomb', compare='diff', alpha=2 * alpha)
    show(f"confint_proportions_2indep({c1}, {n1}, {c2}, {n2}, method='newcomb', compare='diff', alpha={2 * alpha!r})",
         (low, upp))


def mover(c1, n1, c2, n2, k, alpha):
    """Zou and Donner (2008) eq. (5)-(6) for p1 - k p2, k >= 0, from statsmodels' Wilson bounds (eq. 4 there)."""
    p1, p2 = c1 / n1, c2 / n2
    l1, u1 = proportion_confint(c1, n1, alpha=2 * alpha, method='wilson')
    l2, u2 = proportion_confint(c2, n2, alpha=2 * alpha, method='wilson')
    d = p1 - k * p2
    return d - np.hypot(p1 - l1, k * (u2 - p2)), d + np.hypot(u1 - p1, k * (p2 - l2))


print("## MOVER bounds of p_T - k p_C (Zou and Donner 2008), k = 1 + relative threshold")
for c1, n1, c2, n2, k, alpha in [(30, 1000, 15, 1000, 1.5, 0.05), (30, 1000, 15, 1000, 0.5, 0.05),
                                 (18, 300, 9, 300, 1.2, 0.025)]:
    show(f"mover({c1}, {n1}, {c2}, {n2}, k={k}, alpha={alpha})", mover(c1, n1, c2, n2, k, alpha))

print("## Exact probability that the one-sided Wilson lower bound exceeds p when the true rate is p")
for n, p, alpha in [(1000, 0.015, 0.05), (300, 0.03, 0.05), (100, 0.01, 0.05), (2000, 0.03, 0.05)]:
    x = np.arange(n + 1)
    low, _ = proportion_confint(x, n, alpha=2 * alpha, method='wilson')
    show(f"sum(binom.pmf(x, {n}, {p})[wilson lower > {p}]), alpha={alpha}", binom.pmf(x, n, p)[low > p].sum())
    low_cp, _ = proportion_confint(x, n, alpha=2 * alpha, method='beta')
    show(f"sum(binom.pmf(x, {n}, {p})[clopper-pearson lower > {p}]), alpha={alpha}",
         binom.pmf(x, n, p)[low_cp > p].sum())

print("## Exact probability that Newcombe's lower bound of p_T - p_C exceeds 0 when both rates are p (A/A)")
for n, p, alpha in [(1000, 0.01, 0.05)]:
    x = np.arange(n + 1)
    pmf = binom.pmf(x, n, p)
    t, c = np.meshgrid(x, x, indexing='ij')
    low, _ = confint_proportions_2indep(t.ravel(), n, c.ravel(), n, method='newcomb', compare='diff', alpha=2 * alpha)
    show(f"A/A newcomb, n={n} per arm, p={p}, alpha={alpha}", np.outer(pmf, pmf).ravel()[low > 0].sum())

print("## Exact probability of a breach of the absolute rule at true rate 1% (n = 1000) against 1.5%")
x = np.arange(1001)
low, _ = proportion_confint(x, 1000, alpha=0.1, method='wilson')
show("sum(binom.pmf(x, 1000, 0.01)[wilson lower > 0.015]), alpha=0.05", binom.pmf(x, 1000, 0.01)[low > 0.015].sum())

print("## Power: exact probability of a breach at a true 2.5% against 1.5%, 1,000 requests")
low_cp, _ = proportion_confint(x, 1000, alpha=0.1, method='beta')
show("sum(binom.pmf(x, 1000, 0.025)[wilson lower > 0.015]), alpha=0.05", binom.pmf(x, 1000, 0.025)[low > 0.015].sum())
show("sum(binom.pmf(x, 1000, 0.025)[clopper-pearson lower > 0.015]), alpha=0.05",
     binom.pmf(x, 1000, 0.025)[low_cp > 0.015].sum())
show("binom.sf(60, 1000, 0.01)", binom.sf(60, 1000, 0.01))

print("## A/A relative p99: P(p99_T > (1 + theta) p99_C), n log-normal(mu, sigma) latencies per arm and window")
# The nearest-rank p99 of n draws is the k-th order statistic, k = ceil(0.99 n); for log-normal latencies
# log p99 = mu + sigma Phi^-1(U_(k)), U_(k) ~ Beta(k, n - k + 1) (David and Nagaraja, Order Statistics, 2.2).
# So P(breach) = P(Phi^-1(U_T) - Phi^-1(U_C) > log(1 + theta) / sigma), one integral over U_C.
from scipy import integrate
from scipy.stats import beta as beta_dist, norm


def relative_p99_breach(n, sigma, theta):
    k = int(np.ceil(0.99 * n))
    b = beta_dist(k, n - k + 1)
    shift = np.log1p(theta) / sigma
    return integrate.quad(lambda u: b.pdf(u) * b.sf(norm.cdf(norm.ppf(u) + shift)), 0, 1,
                          points=[b.ppf(0.5)], limit=200, epsabs=1e-13, epsrel=1e-11)[0]


for n, sigma, theta in [(1000, 0.5, 0.1), (1000, 0.5, 0.2), (1000, 0.5, 0.5), (10000, 0.5, 0.1)]:
    show(f"relative_p99_breach(n={n}, sigma={sigma}, theta={theta})", relative_p99_breach(n, sigma, theta))

# Brute-force check of the order-statistic shortcut (not pinned): sort n log-normal draws per arm.
rng = np.random.default_rng(20261129)
breaches = 0
windows = 20_000
for _ in range(windows // 1000):
    t = np.sort(rng.lognormal(np.log(40), 0.5, size=(1000, 1000)), axis=1)[:, 989]
    c = np.sort(rng.lognormal(np.log(40), 0.5, size=(1000, 1000)), axis=1)[:, 989]
    breaches += np.sum(t > 1.1 * c)
print(f"# brute force, {windows} windows, n=1000, sigma=0.5, theta=0.1: {breaches / windows}")

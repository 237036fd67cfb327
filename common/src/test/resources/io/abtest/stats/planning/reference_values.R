# Reference values for io.abtest.stats.planning from R's stats::power.prop.test and stats::power.t.test,
# computed offline (CI does not run R). Run: Rscript reference_values.R   (R 4.2.2, Debian r-base-core)
# tol=1e-12 makes uniroot solve to full precision; R's default tol (.Machine$double.eps^0.25, about 1.2e-4,
# absolute on n or p2) would leave the printed value off by up to that much.
options(digits = 17)
show <- function(call) {
  cat("// R ", R.version$major, ".", R.version$minor, ": ", call, "\n", sep = "")
  cat(format(eval(parse(text = call)), digits = 17), "\n")
}
show('power.prop.test(p1 = 0.1, p2 = 0.102, power = 0.8, tol = 1e-12)$n')
show('power.prop.test(p1 = 0.001, p2 = 0.0015, power = 0.8, tol = 1e-12)$n')
show('power.prop.test(p1 = 0.98, p2 = 0.99, sig.level = 0.01, power = 0.9, alternative = "one.sided", tol = 1e-12)$n')
show('power.prop.test(p1 = 0.5, p2 = 0.4, power = 0.9, tol = 1e-12)$n')
show('power.prop.test(p1 = 0.1, p2 = 0.5, power = 0.8, tol = 1e-12)$n')
show('power.prop.test(n = 2000, p1 = 0.1, power = 0.8, tol = 1e-12)$p2')
show('power.prop.test(n = 50000, p1 = 0.02, power = 0.8, alternative = "one.sided", tol = 1e-12)$p2')
show('power.prop.test(n = 5000, p1 = 0.1, p2 = 0.12)$power')
show('power.t.test(delta = 0.5, sd = 1, power = 0.8, tol = 1e-12)$n')
show('power.t.test(delta = 2, sd = 10, sig.level = 0.01, power = 0.9, alternative = "one.sided", tol = 1e-12)$n')
show('power.t.test(delta = 1, sd = 1, power = 0.8, tol = 1e-12)$n')

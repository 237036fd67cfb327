/**
 * Experiment planning: sample size per variant, the minimum detectable effect of a given sample, and the
 * expected duration, for proportion and mean (or ratio) metrics.
 *
 * <ul>
 *   <li>{@link io.abtest.stats.planning.Design}: alpha, power, allocation ratio (treatment n = ratio x control n,
 *       statsmodels' {@code ratio}) and the alternative.</li>
 *   <li>Formulas: {@link io.abtest.stats.planning.PooledProportionPower} (Fleiss; R {@code power.prop.test};
 *       default for proportions), {@link io.abtest.stats.planning.ArcsineProportionPower} (Cohen's h; statsmodels
 *       {@code NormalIndPower}), {@link io.abtest.stats.planning.NormalPower} (z test for a standardized effect) and
 *       {@link io.abtest.stats.planning.CentralTPower} (t test by the central-t approximation; default for
 *       means).</li>
 *   <li>Entry points with the configuration's relative lift: {@link io.abtest.stats.planning.ProportionPlanning},
 *       {@link io.abtest.stats.planning.MeanPlanning}; duration: {@link io.abtest.stats.planning.ExpectedDuration};
 *       the whole plan of a configured experiment: {@link io.abtest.stats.planning.ExperimentPlan}.</li>
 * </ul>
 *
 * <p>Planning is interactive: unlike the streaming tests, which return a status, every method here throws
 * {@link java.lang.IllegalArgumentException} for input it cannot plan for (alpha or power outside (0, 1), power
 * not above alpha, a rate outside (0, 1), a non-positive effect, ratio, sigma or traffic, a sample too small to
 * detect any effect), with a message that names the parameter and its value.
 */
package io.abtest.stats.planning;

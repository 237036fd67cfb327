package io.abtest.config;

/**
 * A variant of an experiment: the champion (control) or a challenger.
 *
 * @param name as events and control records spell it
 * @param weight relative share of traffic, >= 0; weights need not sum to 1 or 100
 * @param control true for exactly one variant of an experiment
 * @param modelVersion the model behind this variant, copied into its prediction events; null when unset
 */
public record Variant(String name, double weight, boolean control, String modelVersion) {}

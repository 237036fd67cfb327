package io.abtest.stats.planning;

/** Whether the planned (or detectable) effect raises or lowers the metric relative to the control. */
public enum EffectDirection {
    INCREASE,
    DECREASE;

    double sign() {
        return this == INCREASE ? 1 : -1;
    }
}

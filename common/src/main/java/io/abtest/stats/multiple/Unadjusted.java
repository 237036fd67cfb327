package io.abtest.stats.multiple;

import io.abtest.config.MultipleTestingCorrection;

/** No correction: the adjusted p-values are the raw ones, each test at its own level. */
public final class Unadjusted implements PValueAdjustment {

    @Override
    public MultipleTestingCorrection method() {
        return MultipleTestingCorrection.NONE;
    }

    @Override
    public double[] adjustComplete(double[] pValues) {
        return pValues.clone();
    }
}

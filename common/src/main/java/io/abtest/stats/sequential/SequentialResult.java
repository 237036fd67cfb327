package io.abtest.stats.sequential;

import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;

/**
 * An always-valid (anytime-valid) test of treatment against control: its p-value and confidence sequence may be
 * looked at after every unit without inflating the error rate.
 *
 * @param status OK, or why numbers are missing
 * @param detail words for a status other than OK; null when OK
 * @param pValue the always-valid p-value at this point; null unless OK
 * @param absoluteInterval the confidence sequence of the difference at this point; null unless OK
 * @param relativeInterval the confidence sequence of the lift; null when the lift has no standard error
 */
public record SequentialResult(
        TestStatus status,
        String detail,
        Double pValue,
        Interval absoluteInterval,
        Interval relativeInterval) {}

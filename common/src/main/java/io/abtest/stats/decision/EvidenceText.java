package io.abtest.stats.decision;

import io.abtest.stats.Interval;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** The numbers of a justification, written the same way everywhere: "+3.1% [+1.2%, +5.0%]", "p=0.004", "52,000". */
final class EvidenceText {

    private EvidenceText() {}

    /** "+3.1%"; lifts beyond a million percent in scientific notation, computed without overflowing. */
    static String percent(double fraction) {
        if (Math.abs(fraction) < 1e4) {
            return String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
        }
        return String.format(Locale.ROOT, "%+.3e%%", BigDecimal.valueOf(fraction).movePointRight(2));
    }

    static String interval(Interval interval) {
        return interval == null ? "" : " [" + percent(interval.low()) + ", " + percent(interval.high()) + "]";
    }

    static String pValue(double p) {
        return p < 0.0001 ? String.format(Locale.ROOT, "p=%.1e", p) : String.format(Locale.ROOT, "p=%.4f", p);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String number(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }

    static String days(Duration duration) {
        return String.format(Locale.ROOT, "%.1f days", duration.toMinutes() / 1440.0);
    }

    /**
     * "challenger lifts converted by +3.1% [+1.2%, +5.0%] (better), always-valid p=0.004": the verb from the sign of
     * the difference, better or worse (when significant) from the difference and the direction.
     */
    static String effect(ChallengerEvidence c, double alpha) {
        Double difference = c.difference();
        if (difference == null) {
            return c.variant() + " has no result on " + c.metric() + " yet";
        }
        String verb = difference >= 0 ? " lifts " : " lowers ";
        String judged = c.better(alpha) ? " (better)" : c.worse(alpha) ? " (worse)" : "";
        String p = c.adjustedPValue() == null ? "" : ", always-valid " + pValue(c.adjustedPValue());
        return c.variant() + verb + c.metric() + " by "
                + amount(difference, c.controlMean(), c.relativeEffect(), interval(c, true), interval(c, false))
                + judged + p;
    }

    /**
     * The effect as a lift with its interval where the lift shares the difference's sign (a positive control
     * mean), else as the difference: "+3.1% [+1.2%, +5.0%]", "+1.000 absolute [+0.9000, +1.100]".
     */
    static String amount(double difference, Double controlMean, Double relative, Interval relativeInterval,
            Interval absoluteInterval) {
        if (relative != null && controlMean != null && controlMean > 0) {
            return percent(relative) + interval(relativeInterval);
        }
        String text = signed(difference) + " absolute";
        if (absoluteInterval != null) {
            text += " [" + signed(absoluteInterval.low()) + ", " + signed(absoluteInterval.high()) + "]";
        }
        if (controlMean != null && controlMean < 0 && relative != null) {
            text += " (control mean " + number(controlMean) + ": the lift " + percent(relative)
                    + " has the opposite sign)";
        }
        return text;
    }

    private static String signed(double x) {
        return (x > 0 ? "+" : "") + number(x);
    }

    /** The always-valid interval where there is one, else the fixed-horizon one. */
    private static Interval interval(ChallengerEvidence c, boolean relative) {
        if (c.sequential() != null) {
            Interval sequential = relative ? c.sequential().relativeInterval() : c.sequential().absoluteInterval();
            if (sequential != null) {
                return sequential;
            }
        }
        if (c.fixed() == null) {
            return null;
        }
        return relative ? c.fixed().relativeInterval() : c.fixed().absoluteInterval();
    }
}

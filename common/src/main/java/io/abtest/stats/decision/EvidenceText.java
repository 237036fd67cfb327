package io.abtest.stats.decision;

import io.abtest.stats.Interval;
import java.time.Duration;
import java.util.Locale;

/** The numbers of a justification, written the same way everywhere: "+3.1% [+1.2%, +5.0%]", "p=0.004", "52,000". */
final class EvidenceText {

    private EvidenceText() {}

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
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

    /** "challenger lifts converted by +3.1% [+1.2%, +5.0%], always-valid p=0.004". */
    static String effect(ChallengerEvidence c) {
        Double lift = c.relativeEffect();
        if (lift == null) {
            return c.variant() + " has no result on " + c.metric() + " yet";
        }
        String verb = lift >= 0 ? " lifts " : " lowers ";
        Interval interval = c.sequential() != null && c.sequential().relativeInterval() != null
                ? c.sequential().relativeInterval()
                : c.fixed().relativeInterval();
        String p = c.adjustedPValue() == null ? "" : ", always-valid " + pValue(c.adjustedPValue());
        return c.variant() + verb + c.metric() + " by " + percent(lift) + interval(interval) + p;
    }
}

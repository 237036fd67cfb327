package io.abtest.stats.decision;

import static io.abtest.stats.decision.EvidenceText.count;
import static io.abtest.stats.decision.EvidenceText.days;
import static io.abtest.stats.decision.EvidenceText.effect;
import static io.abtest.stats.decision.EvidenceText.number;
import static io.abtest.stats.decision.EvidenceText.pValue;

import io.abtest.config.GuardrailSpec;
import io.abtest.stats.TestStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rollout decision: the first rule of this table that holds decides (the README shows the same table).
 *
 * <pre>
 *  #  condition                                                            verdict
 *  1  sample ratio mismatch, or a share of multi-exposed units above         INCONCLUSIVE
 *     max_multiple_exposure (the assignment cannot be trusted)
 *  2  a guardrail whose action is stop breached                            STOP
 *  3  no challenger has a primary result (too little data, bad input)      EXTEND below the minimum sample,
 *                                                                          else INCONCLUSIVE
 *  4  every challenger significantly worse on the primary metric           KEEP_CHAMPION
 *  5  ramp-up under way, no guardrail breached, none significantly worse   RAMP_UP
 *  6  minimum duration or minimum sample not reached                       EXTEND
 *  7  a challenger significantly better, no breach, no segment harmed      ROLLOUT (the largest improvement)
 *  8  significantly better challengers all blocked by a breach or a        KEEP_CHAMPION
 *     significantly harmed segment
 *  9  planned sample reached, no challenger significantly better           KEEP_CHAMPION
 * 10  otherwise                                                            EXTEND
 * </pre>
 *
 * "Significantly" means the always-valid p-value after the configured multiple-testing correction is below
 * alpha: always-valid, because results are looked at after every window; corrected, because the family is every
 * (challenger x metric x segment) test. Early stopping for a win (rule 7 before the planned sample) is therefore
 * sound, but never before the minimum duration and sample (rule 6), which guard against novelty and weekday
 * effects.
 *
 * <p>Better and worse come from the sign of the difference (treatment minus control) and the metric's direction,
 * never from the lift, whose sign flips when the control's mean is negative and which does not exist when it is
 * 0. Among several challengers that may roll out, the one with the largest difference in the better direction
 * wins (they share the control, so their differences are on one scale).
 */
public final class RolloutDecision {

    private static final List<String> MULTIPLE_EXPOSURE_ITEMS = List.of(
            "Check what moves a unit between variants: a weight change or ramp step that reassigns units (only a"
                    + " growing coverage keeps every unit in its variant), a changed hash_salt, a unit id that is"
                    + " not stable (cookies reset, logged-in and anonymous ids mixed), a fallback serving another"
                    + " variant's model on errors or timeouts.",
            "Do not act on the metric results until the cause is fixed; the multi-exposed units are already"
                    + " excluded from every metric, but the units left may no longer be a random split.",
            "After the fix, restart the experiment with a new hash_salt.");

    private RolloutDecision() {}

    public static Decision decide(DecisionInput in) {
        double alpha = in.alpha();
        String units = unitsText(in);

        if (in.srmMismatch()) {
            List<String> items = new ArrayList<>(List.of(
                    "Check the assignment path and event logging of every variant (bots, redirects, events"
                            + " dropped for one variant, targeting applied after assignment).",
                    "Do not act on the metric results until the mismatch is explained.",
                    "After the fix, restart the experiment with a new hash_salt."));
            String also = "";
            if (in.tooManyMultipleExposures()) {
                also = "; also " + multipleExposureText(in);
                items.addAll(MULTIPLE_EXPOSURE_ITEMS);
            }
            return new Decision(Verdict.INCONCLUSIVE, null, 1,
                    "sample ratio mismatch (" + (in.srmPValue() == null ? "units in a variant whose weight is 0"
                            : pValue(in.srmPValue()) + " < 0.001") + "): the observed split of units differs"
                            + " from the configured weights, so no metric result can be trusted" + also + "; " + units,
                    items);
        }
        if (in.tooManyMultipleExposures()) {
            return new Decision(Verdict.INCONCLUSIVE, null, 1, multipleExposureText(in)
                    + ": units were served more than one variant, so the assignment did not hold and the results"
                    + " of the units left may be biased; " + units, MULTIPLE_EXPOSURE_ITEMS);
        }

        Optional<GuardrailBreach> stop = in.breaches().stream()
                .filter(b -> b.spec().action() == GuardrailSpec.Action.STOP).findFirst();
        if (stop.isPresent()) {
            return stop(stop.get(), units);
        }

        List<ChallengerEvidence> withResult = in.challengers().stream().filter(RolloutDecision::hasResult).toList();
        if (withResult.isEmpty()) {
            String why = in.challengers().stream().map(RolloutDecision::missingResult).collect(Collectors.joining("; "));
            if (in.smallestVariantUnits() < in.minimumSampleSize()) {
                return extend(in, 3, "no primary result yet (" + why + "); " + units);
            }
            return new Decision(Verdict.INCONCLUSIVE, null, 3, "no primary result despite the minimum sample (" + why
                    + "); " + units, List.of("Check the primary metric's inputs: " + why + "."));
        }

        if (withResult.stream().allMatch(c -> c.worse(alpha))) {
            return new Decision(Verdict.KEEP_CHAMPION, null, 4, effects(withResult, alpha) + "; " + units,
                    List.of("Send the challengers' traffic back to the control (weight 0, or STOPPED on ab.control).",
                            "Keep the results: they show the challenger(s) to be worse on the primary metric."));
        }

        boolean breached = !in.breaches().isEmpty();
        if (!in.rampComplete() && !breached && withResult.stream().noneMatch(c -> c.worse(alpha))) {
            return new Decision(Verdict.RAMP_UP, null, 5, "ramp-up under way and no sign of harm: " + effects(withResult, alpha)
                    + "; no guardrail breached; " + units,
                    List.of("Move to the next ramp-up step (or raise the challengers' weight in ab.control)."));
        }

        if (in.elapsed().compareTo(in.minimumDuration()) < 0 || in.smallestVariantUnits() < in.minimumSampleSize()) {
            return extend(in, 6, "minimum not reached (" + days(in.elapsed()) + " of " + days(in.minimumDuration())
                    + ", " + count(in.smallestVariantUnits()) + " of " + count(in.minimumSampleSize())
                    + " minimum units per variant): " + effects(withResult, alpha) + "; " + breachesText(in));
        }

        List<ChallengerEvidence> better = withResult.stream().filter(c -> c.better(alpha)).toList();
        List<ChallengerEvidence> unblocked = better.stream().filter(c -> blockers(in, c).isEmpty()).toList();
        if (!unblocked.isEmpty()) {
            ChallengerEvidence best = unblocked.stream()
                    .max(Comparator.comparingDouble(ChallengerEvidence::improvement)).orElseThrow();
            return new Decision(Verdict.ROLLOUT, best.variant(), 7, effect(best, alpha) + "; " + breachesText(in) + "; "
                    + segmentsText(in) + "; " + units,
                    List.of("Write ROLLED_OUT with weights {" + best.variant() + ": 1} to ab.control: every unit then gets "
                                    + best.variant() + ".",
                            "Promote " + best.variant() + "'s model to champion and retire the experiment."));
        }
        if (!better.isEmpty()) {
            String blocked = better.stream().map(c -> effect(c, alpha) + ", but " + String.join(" and ", blockers(in, c)))
                    .collect(Collectors.joining("; "));
            return new Decision(Verdict.KEEP_CHAMPION, better.get(0).variant(), 8, blocked + "; " + units,
                    List.of("Do not roll out: investigate the harmed segment or breached guardrail first.",
                            "Consider a new experiment targeted away from the harmed segment."));
        }

        if (in.plannedUnitsPerVariant() > 0 && in.smallestVariantUnits() >= in.plannedUnitsPerVariant()) {
            return new Decision(Verdict.KEEP_CHAMPION, null, 9, "no challenger beat the champion at the planned sample: "
                    + effects(withResult, alpha) + "; " + breachesText(in) + "; " + units,
                    List.of("Keep the champion; end the experiment (weight 0 or STOPPED on ab.control).",
                            "The experiment was powered for the configured minimum detectable effect: a smaller"
                                    + " effect, if any, would need a new, larger experiment."));
        }

        return extend(in, 10, "no conclusive result yet: " + effects(withResult, alpha) + "; " + breachesText(in) + "; " + units);
    }

    /**
     * Rule 2 on its own: the decision when a guardrail whose action is stop has breached, for the job to write as
     * soon as the incident opens and to keep until a person writes RUNNING.
     *
     * @param context what else the justification should say (units reached, when the job stopped it)
     */
    public static Decision stop(GuardrailBreach b, String context) {
        return new Decision(Verdict.STOP, b.variant(), 2,
                "guardrail " + b.guardrail() + " breached by " + b.variant() + ": " + b.spec().metric() + " "
                        + number(b.observed()) + (b.spec().comparison() == GuardrailSpec.Comparison.GREATER_THAN ? " > " : " < ")
                        + number(b.threshold()) + " for " + b.spec().consecutiveBreaches() + " window(s) of "
                        + b.spec().window() + " (severity " + b.spec().severity() + "); " + context,
                List.of("Every unit is back on the control: the job wrote STOPPED to ab.control.",
                        "Investigate " + b.guardrail() + " of " + b.variant() + " before restarting the experiment.",
                        "To resume, write RUNNING to ab.control (key " + "the experiment id, a newer updated_at); the"
                                + " decisions stay STOP until the job reads it."));
    }

    private static Decision extend(DecisionInput in, int rule, String justification) {
        List<String> items = new ArrayList<>();
        items.add("Keep the experiment running.");
        if (in.plannedUnitsPerVariant() > in.smallestVariantUnits()) {
            items.add(count(in.plannedUnitsPerVariant() - in.smallestVariantUnits())
                    + " more units in the smallest variant reach the planned sample.");
        }
        if (in.elapsed().compareTo(in.minimumDuration()) < 0) {
            items.add("The minimum duration is reached in " + days(in.minimumDuration().minus(in.elapsed())) + ".");
        }
        return new Decision(Verdict.EXTEND, null, rule, justification, items);
    }

    private static boolean hasResult(ChallengerEvidence c) {
        return c.fixed() != null && c.fixed().status() == TestStatus.OK
                && c.sequential() != null && c.sequential().status() == TestStatus.OK
                && c.adjustedPValue() != null;
    }

    private static String missingResult(ChallengerEvidence c) {
        if (c.fixed() == null || c.sequential() == null) {
            return c.variant() + ": not computed";
        }
        if (c.fixed().status() != TestStatus.OK) {
            return c.variant() + ": " + c.fixed().status() + " (" + c.fixed().detail() + ")";
        }
        if (c.sequential().status() != TestStatus.OK) {
            return c.variant() + ": " + c.sequential().status() + " (" + c.sequential().detail() + ")";
        }
        return c.variant() + ": no adjusted p-value";
    }

    private static List<String> blockers(DecisionInput in, ChallengerEvidence c) {
        List<String> reasons = new ArrayList<>();
        in.breaches().stream().filter(b -> b.variant().equals(c.variant()))
                .forEach(b -> reasons.add("guardrail " + b.guardrail() + " breached (" + number(b.observed()) + " vs "
                        + number(b.threshold()) + ")"));
        in.segments().stream().filter(s -> s.variant().equals(c.variant()) && s.harmful(in.alpha()))
                .forEach(s -> reasons.add("it harms segment " + s.segment() + " on " + s.metric() + " ("
                        + s.effectText() + ", " + pValue(s.adjustedPValue()) + " adjusted)"));
        return reasons;
    }

    private static String effects(List<ChallengerEvidence> challengers, double alpha) {
        return challengers.stream().map(c -> effect(c, alpha)).collect(Collectors.joining("; "));
    }

    private static String breachesText(DecisionInput in) {
        if (in.breaches().isEmpty()) {
            return "no guardrail breached";
        }
        return in.breaches().stream().map(b -> "guardrail " + b.guardrail() + " breached by " + b.variant())
                .collect(Collectors.joining(", "));
    }

    private static String segmentsText(DecisionInput in) {
        return in.segments().isEmpty() ? "no segments analysed"
                : "no segment harmed (" + in.segments().size() + " segment results)";
    }

    private static String multipleExposureText(DecisionInput in) {
        return count(in.multipleExposureUnits()) + " of " + count(in.unitsExposed()) + " units ("
                + String.format(java.util.Locale.ROOT, "%.2f%%", 100 * in.multipleExposureShare())
                + ") served more than one variant, above max_multiple_exposure "
                + String.format(java.util.Locale.ROOT, "%.2f%%", 100 * in.maxMultipleExposure());
    }

    private static String unitsText(DecisionInput in) {
        String reached = count(in.smallestVariantUnits());
        return in.plannedUnitsPerVariant() > 0
                ? reached + " of " + count(in.plannedUnitsPerVariant()) + " planned units per variant"
                : reached + " units in the smallest variant";
    }
}

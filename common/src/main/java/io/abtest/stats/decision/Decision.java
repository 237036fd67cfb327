package io.abtest.stats.decision;

import java.util.List;

/**
 * The rollout decision at one analysis point.
 *
 * @param verdict what to do
 * @param variant the challenger it concerns (the one to roll out, or the one that breached); null when none
 * @param rule the number of the rule in {@link RolloutDecision}'s table that decided
 * @param justification why, in words, naming the numbers it rests on
 * @param actionItems what people should do next
 */
public record Decision(Verdict verdict, String variant, int rule, String justification, List<String> actionItems) {

    public Decision {
        actionItems = List.copyOf(actionItems);
    }
}

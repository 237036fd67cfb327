package io.abtest.config;

import java.util.List;
import java.util.Map;

/** Units take part when their attributes satisfy every condition; a rule with none admits every unit. */
public record TargetingRule(List<Condition> all) {

    public static final TargetingRule EVERYONE = new TargetingRule(List.of());

    public TargetingRule {
        all = List.copyOf(all);
    }

    public boolean admits(Map<String, String> attributes) {
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).holds(attributes)) {
                return false;
            }
        }
        return true;
    }

    public boolean admitsEveryone() {
        return all.isEmpty();
    }
}

package io.abtest.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code targeting}: a list {@code all} of conditions, each on one attribute with either {@code in} or
 * {@code not_in}.
 */
final class TargetingReader {

    private static final Set<String> RULE_FIELDS = Set.of("all");
    private static final Set<String> CONDITION_FIELDS = Set.of("attribute", "in", "not_in");
    private static final String MISSING_VALUES = ConfigNode.MISSING + " (give in or not_in)";

    private TargetingReader() {}

    static TargetingRule read(ConfigNode section) {
        if (!section.isPresent()) {
            return TargetingRule.EVERYONE;
        }
        if (!section.isMappingOf(RULE_FIELDS)) {
            return null;
        }
        List<ConfigNode> entries = section.field("all").elements(1);
        if (entries == null) {
            return null;
        }
        List<Condition> conditions = new ArrayList<>();
        for (ConfigNode entry : entries) {
            Condition condition = readCondition(entry);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        return new TargetingRule(conditions);
    }

    private static Condition readCondition(ConfigNode entry) {
        if (!entry.isMappingOf(CONDITION_FIELDS)) {
            return null;
        }
        String attribute = entry.field("attribute").text(ValueRule.NON_EMPTY);
        ConfigNode in = entry.field("in");
        ConfigNode notIn = entry.field("not_in");
        if (in.isPresent() && notIn.isPresent()) {
            entry.report("has both in and not_in; give exactly one");
            return null;
        }
        if (!in.isPresent() && !notIn.isPresent()) {
            in.report(MISSING_VALUES);
            return null;
        }
        Condition.Operator operator = in.isPresent() ? Condition.Operator.IN : Condition.Operator.NOT_IN;
        Set<String> values = readValues(in.isPresent() ? in : notIn);
        return attribute == null || values == null ? null : new Condition(attribute, operator, values);
    }

    private static Set<String> readValues(ConfigNode list) {
        List<ConfigNode> elements = list.elements(1);
        if (elements == null) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        boolean valid = true;
        for (ConfigNode element : elements) {
            String value = element.text(ValueRule.NON_EMPTY);
            valid &= value != null;
            if (value != null) {
                values.add(value);
            }
        }
        return valid ? values : null;
    }
}

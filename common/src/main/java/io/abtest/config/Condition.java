package io.abtest.config;

import java.util.Map;
import java.util.Set;

/**
 * One targeting condition on a unit attribute. {@code IN}: the attribute is present and one of the values;
 * {@code NOT_IN}: the attribute is absent or none of the values.
 */
public record Condition(String attribute, Operator operator, Set<String> values) {

    public enum Operator { IN, NOT_IN }

    public Condition {
        values = Set.copyOf(values);
    }

    public boolean holds(Map<String, String> attributes) {
        String value = attributes == null ? null : attributes.get(attribute);
        boolean listed = value != null && values.contains(value);
        return operator == Operator.IN ? listed : !listed;
    }
}

package io.abtest.config;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One targeting condition on a unit attribute. {@code IN}: the attribute is present and one of the values;
 * {@code NOT_IN}: the attribute is absent or none of the values.
 */
public record Condition(String attribute, Operator operator, Set<String> values) {

    public enum Operator { IN, NOT_IN }

    /**
     * Keeps an unmodifiable copy of the values, rejecting null ones as {@link Set#copyOf} does. The copy is a
     * {@link HashSet}, not {@code Set.copyOf}'s own set: {@link #holds} runs on every routing call, and the JDK's
     * immutable sets of three or more elements find an element with an integer division ({@code Math.floorMod}),
     * where a HashSet masks bits. Equality, hash code and the rejection of null elements stay those of {@code Set}.
     */
    public Condition {
        values = Collections.unmodifiableSet(new HashSet<>(Set.copyOf(values)));
    }

    public boolean holds(Map<String, String> attributes) {
        String value = attributes == null ? null : attributes.get(attribute);
        boolean listed = value != null && values.contains(value);
        return operator == Operator.IN ? listed : !listed;
    }
}

package io.abtest.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Outcome of one model call, as the {@code status} field spells it. */
public enum PredictionStatus {
    OK, ERROR, TIMEOUT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The status for its wire name, or null when the name is not one of {@code ok}, {@code error}, {@code timeout}. */
    public static PredictionStatus fromWireName(String name) {
        for (PredictionStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        return null;
    }
}

package io.abtest.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON shapes an event field may take, each with its type check and its value check. Both checks get a present,
 * non-null node ({@link EventSchema} reports absent and null ones as missing or skips them).
 *
 * <p>Types are checked on the JSON token, not coerced: {@code "123"} is not a number, {@code 1.0} and {@code 1e3}
 * are not integral (Jackson reads both as floating point), {@code "true"} is not a boolean. A number that overflows a
 * double (e.g. {@code 1e400}, which the JSON grammar allows) is a wrong type too, since the field holds a double.
 */
enum FieldKind {
    TEXT {
        @Override
        String typeMismatch(JsonNode value) {
            return value.isTextual() ? null : "expected a string, found " + value.getNodeType();
        }

        @Override
        FieldProblem valueProblem(EventField field, JsonNode value) {
            return field.required() && value.textValue().isBlank()
                    ? new FieldProblem(RejectReason.EMPTY_FIELD, field.name(), "required string is empty or blank")
                    : null;
        }
    },
    EPOCH_MILLIS {
        @Override
        String typeMismatch(JsonNode value) {
            return value.isIntegralNumber() && value.canConvertToLong()
                    ? null
                    : "expected an integral number of epoch milliseconds fitting in 64 bits, found " + describe(value);
        }

        @Override
        FieldProblem valueProblem(EventField field, JsonNode value) {
            return value.longValue() < EventValidator.EARLIEST_EVENT_TIME
                    ? new FieldProblem(RejectReason.EVENT_TIME_BEFORE_2000, field.name(), "epoch milliseconds "
                            + value.longValue() + " are before 2000-01-01T00:00:00Z ("
                            + EventValidator.EARLIEST_EVENT_TIME + "); seconds sent as milliseconds?")
                    : null;
        }
    },
    NUMBER {
        @Override
        String typeMismatch(JsonNode value) {
            return finiteNumberMismatch(value);
        }

        @Override
        FieldProblem valueProblem(EventField field, JsonNode value) {
            return magnitudeProblem(field.name(), value);
        }
    },
    NON_NEGATIVE_LATENCY {
        @Override
        String typeMismatch(JsonNode value) {
            return finiteNumberMismatch(value);
        }

        @Override
        FieldProblem valueProblem(EventField field, JsonNode value) {
            return value.doubleValue() < 0
                    ? new FieldProblem(RejectReason.NEGATIVE_LATENCY, field.name(), "latency must be >= 0, was "
                            + value.doubleValue())
                    : magnitudeProblem(field.name(), value);
        }
    },
    STATUS {
        @Override
        String typeMismatch(JsonNode value) {
            return TEXT.typeMismatch(value);
        }

        @Override
        FieldProblem valueProblem(EventField field, JsonNode value) {
            return PredictionStatus.fromWireName(value.textValue()) == null
                    ? new FieldProblem(RejectReason.INVALID_STATUS, field.name(),
                            "status must be one of ok, error, timeout")
                    : null;
        }
    },
    FLAG {
        @Override
        String typeMismatch(JsonNode value) {
            return value.isBoolean() ? null : "expected true or false, found " + value.getNodeType();
        }
    },
    TEXT_MAP {
        @Override
        FieldProblem typeProblem(EventField field, JsonNode value) {
            return mapProblem(field, value, TEXT);
        }
    },
    NUMBER_MAP {
        @Override
        FieldProblem typeProblem(EventField field, JsonNode value) {
            return mapProblem(field, value, NUMBER);
        }

        @Override
        FieldProblem valueProblem(EventField field, JsonNode value) {
            for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                FieldProblem problem = magnitudeProblem(field.name() + "." + entry.getKey(), entry.getValue());
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
    };

    /** Why {@code value} is not of this kind, or null when it is. Not used by the map kinds. */
    String typeMismatch(JsonNode value) {
        throw new UnsupportedOperationException(name() + " checks its entries in typeProblem");
    }

    /** The type problem of a field, named by its path (a map entry: {@code attributes.country}); null if none. */
    FieldProblem typeProblem(EventField field, JsonNode value) {
        String mismatch = typeMismatch(value);
        return mismatch == null ? null : new FieldProblem(RejectReason.WRONG_TYPE, field.name(), mismatch);
    }

    /** The value problem of a well-typed field; null if none. */
    FieldProblem valueProblem(EventField field, JsonNode value) {
        return null;
    }

    private static String finiteNumberMismatch(JsonNode value) {
        if (!value.isNumber()) {
            return "expected a number, found " + value.getNodeType();
        }
        return Double.isFinite(value.doubleValue()) ? null : "number is not a finite double: " + describe(value);
    }

    private static FieldProblem magnitudeProblem(String path, JsonNode number) {
        return Math.abs(number.doubleValue()) > EventValidator.MAX_NUMBER_MAGNITUDE
                ? new FieldProblem(RejectReason.NUMBER_OUT_OF_RANGE, path, "magnitude above 2^53 ("
                        + (long) EventValidator.MAX_NUMBER_MAGNITUDE + "): " + describe(number))
                : null;
    }

    private static FieldProblem mapProblem(EventField field, JsonNode value, FieldKind entryKind) {
        if (!value.isObject()) {
            return new FieldProblem(RejectReason.WRONG_TYPE, field.name(),
                    "expected an object, found " + value.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String mismatch = entryKind.typeMismatch(entry.getValue());
            if (mismatch != null) {
                return new FieldProblem(RejectReason.WRONG_TYPE, field.name() + "." + entry.getKey(), mismatch);
            }
        }
        return null;
    }

    private static final int MAX_LITERAL_CHARS = 40;

    /** The node type, plus the start of the literal for numbers (never the raw text of strings or containers). */
    private static String describe(JsonNode value) {
        return value.isNumber()
                ? value.getNodeType() + " " + RawText.of(value.asText(), MAX_LITERAL_CHARS).text()
                : value.getNodeType().toString();
    }
}

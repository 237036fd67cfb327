package io.abtest.event;

/** The first problem {@link EventSchema} found in a JSON object, before it becomes a {@link Rejection}. */
record FieldProblem(RejectReason reason, String field, String detail) {}

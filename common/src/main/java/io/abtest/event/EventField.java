package io.abtest.event;

/** One field of an event as CONTRACT.md section 1 lists it: JSON name, kind, and whether it is required. */
record EventField(String name, FieldKind kind, boolean required) {

    static EventField required(String name, FieldKind kind) {
        return new EventField(name, kind, true);
    }

    static EventField optional(String name, FieldKind kind) {
        return new EventField(name, kind, false);
    }
}

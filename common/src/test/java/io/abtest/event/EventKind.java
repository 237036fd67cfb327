package io.abtest.event;

/** Lets one parameterized test row validate either event kind. */
enum EventKind {
    PREDICTION {
        @Override
        Validated<?> validate(EventValidator validator, String json) {
            return validator.prediction(json);
        }
    },
    OUTCOME {
        @Override
        Validated<?> validate(EventValidator validator, String json) {
            return validator.outcome(json);
        }
    };

    abstract Validated<?> validate(EventValidator validator, String json);
}

package io.abtest.event;

import java.util.Objects;

/**
 * The outcome of validating one input record: the event, or the reason it was rejected. Bad input is a value here,
 * not an exception, so a streaming job routes it to the dead-letter output instead of failing.
 *
 * @param <T> the event type
 */
public sealed interface Validated<T> {

    /** True for {@link Accepted}. */
    boolean isAccepted();

    /**
     * The accepted event.
     *
     * @throws IllegalStateException on a {@link Rejected}; check {@link #isAccepted()} or use {@code instanceof}
     */
    T event();

    /**
     * The rejection.
     *
     * @throws IllegalStateException on an {@link Accepted}; check {@link #isAccepted()} or use {@code instanceof}
     */
    Rejection rejection();

    /** A valid event. */
    record Accepted<T>(T event) implements Validated<T> {

        public Accepted {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public boolean isAccepted() {
            return true;
        }

        @Override
        public Rejection rejection() {
            throw new IllegalStateException("accepted, not rejected: " + event);
        }
    }

    /** An invalid record. */
    record Rejected<T>(Rejection rejection) implements Validated<T> {

        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public boolean isAccepted() {
            return false;
        }

        @Override
        public T event() {
            throw new IllegalStateException(
                    "rejected (" + rejection.code() + " " + rejection.field() + "): " + rejection.detail());
        }
    }
}

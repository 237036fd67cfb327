package io.abtest.jobs.synthetic;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The router's clock during generation: set to each request's event time before the router is asked, so the
 * ramp-up schedule in force and the {@code event_time} the router stamps on the prediction are those of the
 * simulated moment, not of the machine running the generator. Single-threaded, like the generator.
 */
final class ReplayClock implements InstantSource {

    private long millis;

    void set(long epochMillis) {
        millis = epochMillis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }
}

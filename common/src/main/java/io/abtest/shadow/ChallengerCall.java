package io.abtest.shadow;

import io.abtest.event.PredictionStatus;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shadow call of the challenger, run on a challenger executor thread, that records exactly one event.
 *
 * <p>When the call starts, an expiry is scheduled {@code timeout} later on the runner's timer thread.
 * The call and its expiry race for a single "finished" flag under a lock; whichever sets it records the
 * event, the other records nothing. The expiry interrupts the worker while holding that lock and the
 * worker takes the same lock before it leaves, so the interrupt always lands inside this call and the
 * worker clears it before running the next one: a late interrupt can never hit another request's call.
 *
 * <p>The timeout counts from the moment the call starts running, not from the moment it was queued:
 * the latency compared is the model's, as for the champion. A call that returns after its timeout but
 * before its expiry ran (the timer thread was late) is still a timeout, so an {@code ok} event's
 * latency is always below the timeout. The expiry records on the timer thread, so a challenger that
 * ignores interrupts does not delay its timeout event.
 */
final class ChallengerCall<I, O> implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ChallengerCall.class);

    private final ShadowRequest request;
    private final I input;
    private final VariantModel<I, O> challenger;
    private final Function<O, ModelOutput> outputReader;
    private final PredictionRecorder recorder;
    private final ShadowCounters counters;
    private final ScheduledExecutorService timer;
    private final long timeoutNanos;

    private final Object lock = new Object();
    private boolean finished;
    private Thread worker;

    ChallengerCall(ShadowRequest request, I input, VariantModel<I, O> challenger,
                   Function<O, ModelOutput> outputReader, PredictionRecorder recorder,
                   ShadowCounters counters, ScheduledExecutorService timer, long timeoutNanos) {
        this.request = request;
        this.input = input;
        this.challenger = challenger;
        this.outputReader = outputReader;
        this.recorder = recorder;
        this.counters = counters;
        this.timer = timer;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void run() {
        worker = Thread.currentThread();
        long start = System.nanoTime();
        ScheduledFuture<?> expiry = scheduleExpiry();
        PredictionStatus status;
        ModelOutput output = ModelOutput.NONE;
        try {
            output = ShadowRunner.read(outputReader, challenger.function().apply(input));
            status = PredictionStatus.OK;
        } catch (Throwable challengerFailure) {
            // The challenger is an experimental model: whatever it throws becomes an error event, never the caller's problem.
            LOG.debug("Challenger {} failed on request {}", challenger.variant(), request.requestId(), challengerFailure);
            status = PredictionStatus.ERROR;
        }
        long elapsedNanos = System.nanoTime() - start;
        if (!finish()) {
            Thread.interrupted();
            return;
        }
        if (expiry != null) {
            expiry.cancel(false);
        }
        if (elapsedNanos >= timeoutNanos) {
            recordTimeout();
        } else if (status == PredictionStatus.OK) {
            counters.completedOk.increment();
            recorder.record(request, challenger, false, status, elapsedNanos / 1e6, output);
        } else {
            counters.errors.increment();
            recorder.record(request, challenger, false, status, elapsedNanos / 1e6, ModelOutput.NONE);
        }
    }

    private ScheduledFuture<?> scheduleExpiry() {
        try {
            return timer.schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException timerClosed) {
            return null;
        }
    }

    private boolean finish() {
        synchronized (lock) {
            if (finished) {
                return false;
            }
            finished = true;
            return true;
        }
    }

    private void expire() {
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
            worker.interrupt();
        }
        recordTimeout();
    }

    private void recordTimeout() {
        counters.timeouts.increment();
        recorder.record(request, challenger, false, PredictionStatus.TIMEOUT, timeoutNanos / 1e6, ModelOutput.NONE);
    }
}

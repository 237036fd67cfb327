package io.abtest.jobs.analysis;

import io.abtest.jobs.analysis.validate.AllowedLateness;
import java.io.Serializable;

/**
 * The event-time windows every windowed operator of the job shares: tumbling, aligned to the epoch, and closed
 * when the watermark passes a window's end plus the largest allowed lateness of the catalog, so that every record
 * that may still count for a window has arrived first. Per-unit metrics, operational metrics and the analysis all
 * close a window at the same time, which is what makes a streaming run and a batch rerun agree.
 *
 * @param windowMillis the window length
 * @param latenessMillis the largest allowed lateness of the experiments
 */
public record AnalysisWindows(long windowMillis, long latenessMillis) implements Serializable {

    public static AnalysisWindows of(ExperimentCatalog catalog, long windowMillis) {
        return new AnalysisWindows(windowMillis, AllowedLateness.of(catalog).largestMillis());
    }

    /** The exclusive end of the tumbling window holding an event time. */
    public static long end(long eventTime, long windowMillis) {
        return eventTime - Math.floorMod(eventTime, windowMillis) + windowMillis;
    }

    public long end(long eventTime) {
        return end(eventTime, windowMillis);
    }

    public long start(long end) {
        return end - windowMillis;
    }

    /** The event-time timer that closes the window ending at {@code end}. */
    public long closesAt(long end) {
        return end + latenessMillis;
    }

    /** The end of the window that the timer at {@code timestamp} closes. */
    public long endClosedAt(long timestamp) {
        return timestamp - latenessMillis;
    }
}

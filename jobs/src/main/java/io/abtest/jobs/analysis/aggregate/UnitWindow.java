package io.abtest.jobs.analysis.aggregate;

/** One unit's events in one event-time window, not yet folded into its cumulative totals. */
final class UnitWindow {

    final UnitAccumulator totals = new UnitAccumulator();
    long events;
}

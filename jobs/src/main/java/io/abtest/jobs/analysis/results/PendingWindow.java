package io.abtest.jobs.analysis.results;

import io.abtest.jobs.analysis.aggregate.UnitChange;
import java.util.ArrayList;
import java.util.List;

/** What arrived for one window of one experiment before the watermark passed its end. */
final class PendingWindow {

    final List<UnitChange> changes = new ArrayList<>();
    long unmatchedOutcomes;
}

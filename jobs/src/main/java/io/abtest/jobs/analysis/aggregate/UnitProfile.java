package io.abtest.jobs.analysis.aggregate;

import java.util.List;
import java.util.Map;

/**
 * What a unit's state holds between windows: the variant and segments of its first exposure, its totals up to the
 * last window folded in, and the metric values emitted at that window's end.
 */
final class UnitProfile {

    String variant;
    List<String> segments;
    final UnitAccumulator totals = new UnitAccumulator();
    Map<String, UnitValue> lastValues = Map.of();
}

package io.abtest.jobs.analysis.aggregate;

import java.util.List;
import java.util.Map;

/**
 * What a unit's state holds between windows: the variant and segments of its first exposure, its totals up to the
 * last window folded in, the metric values emitted at that window's end, and whether it was served a second variant.
 */
final class UnitProfile {

    String variant;
    List<String> segments;
    final UnitAccumulator totals = new UnitAccumulator();
    Map<String, UnitValue> lastValues = Map.of();
    /** The window end of the unit's first emitted change; {@link UnitChange#NEVER} before it. */
    long firstWindowEnd = UnitChange.NEVER;
    /**
     * The earliest window end holding a served prediction of another variant than {@link #variant}; the unit is
     * excluded from that window on. {@link Long#MAX_VALUE} while the unit has one variant only.
     */
    long excludedFrom = Long.MAX_VALUE;
    /** Whether the exclusion was emitted; later events of the unit are ignored. */
    boolean removed;
}

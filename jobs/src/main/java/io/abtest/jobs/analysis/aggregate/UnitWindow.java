package io.abtest.jobs.analysis.aggregate;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One unit's events in one event-time window, not yet folded into its cumulative totals. A Flink POJO, like
 * {@link UnitProfile} (same evolution rules).
 */
public final class UnitWindow {

    public static final TypeInformation<UnitWindow> TYPE = Types.POJO(UnitWindow.class);

    public UnitAccumulator totals = new UnitAccumulator();
    public long events;

    public UnitWindow() {}
}

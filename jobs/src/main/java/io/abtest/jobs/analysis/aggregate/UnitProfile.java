package io.abtest.jobs.analysis.aggregate;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What a unit's state holds between windows: the variant and segments of its first exposure, its totals up to the
 * last window folded in, the metric values emitted at that window's end, and whether it was served a second variant.
 *
 * <p>A Flink POJO (public class, public no-argument constructor, public non-final fields of POJO, basic, list and
 * map types), serialized field by field without Kryo, so savepoints survive Flink's POJO schema evolution: a field
 * may be added (restored state gets the value this class initializes it to) or removed (its value is dropped); a
 * field may not change its type or be renamed (a rename is a removal plus an addition), and the class may not be
 * renamed or moved to another package. {@code UnitMetricsSavepointTest} restores a savepoint written before such a
 * change.
 */
public final class UnitProfile {

    public static final TypeInformation<UnitProfile> TYPE = Types.POJO(UnitProfile.class);

    public String variant;
    public List<String> segments;
    public UnitAccumulator totals = new UnitAccumulator();
    public Map<String, UnitValue> lastValues = Map.of();
    /** The window end of the unit's first emitted change; {@link UnitChange#NEVER} before it. */
    public long firstWindowEnd = UnitChange.NEVER;
    /**
     * The earliest window end holding a served prediction of another variant than {@link #variant}; the unit is
     * excluded from that window on. {@link Long#MAX_VALUE} while the unit has one variant only.
     */
    public long excludedFrom = Long.MAX_VALUE;
    /**
     * The variant of the served prediction that set {@link #excludedFrom}, for the log line that names what moved the
     * unit; null while the unit has one variant. Added after {@code unit-metrics-v1.snapshot} was written: a unit
     * restored from state of that version has null here, also when its exclusion was recorded but not yet emitted.
     */
    public String excludedBy;
    /** Whether the exclusion was emitted; later events of the unit are ignored. */
    public boolean removed;

    public UnitProfile() {}
}

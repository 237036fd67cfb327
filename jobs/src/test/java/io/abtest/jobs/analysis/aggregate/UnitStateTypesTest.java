package io.abtest.jobs.analysis.aggregate;

import static io.abtest.jobs.analysis.WithoutKryo.pojo;
import static io.abtest.jobs.analysis.WithoutKryo.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** {@link UnitMetrics}' state is made of Flink POJOs: no Kryo, and POJO schema evolution for savepoints. */
class UnitStateTypesTest {

    @Test
    void theStateClassesArePojoTypes() {
        assertEquals(pojo(UnitProfile.class), UnitProfile.TYPE);
        assertEquals(pojo(UnitWindow.class), UnitWindow.TYPE);
        PojoTypeInfo<UnitProfile> profile = pojo(UnitProfile.class);
        assertInstanceOf(PojoTypeInfo.class, profile.getTypeAt("totals"));
        assertEquals(8, profile.getArity(), "a new field is a schema change: see UnitMetricsSavepointTest");
    }

    @Test
    void aProfileSurvivesItsSerializer() throws Exception {
        UnitProfile unit = new UnitProfile();
        unit.variant = "challenger";
        unit.segments = List.of("country=DE");
        unit.totals.add(Map.of("requests", 2.0, "latency_ms", 30.0));
        unit.lastValues = Map.of("latency", new UnitValue(30, 2, 0));
        unit.firstWindowEnd = 600_000;
        unit.excludedFrom = 1_200_000;
        unit.excludedBy = "champion";

        UnitProfile copy = roundTrip(UnitProfile.TYPE, unit);
        assertEquals(unit.variant, copy.variant);
        assertEquals(unit.segments, copy.segments);
        assertEquals(unit.totals.sums, copy.totals.sums);
        assertEquals(unit.totals.maxima, copy.totals.maxima);
        assertEquals(unit.lastValues, copy.lastValues);
        assertEquals(unit.firstWindowEnd, copy.firstWindowEnd);
        assertEquals(unit.excludedFrom, copy.excludedFrom);
        assertEquals(unit.excludedBy, copy.excludedBy);
        assertEquals(unit.removed, copy.removed);
    }

    @Test
    void aNewProfileKeepsItsDefaultsThroughItsSerializer() throws Exception {
        UnitProfile copy = roundTrip(UnitProfile.TYPE, new UnitProfile());
        assertEquals(UnitChange.NEVER, copy.firstWindowEnd);
        assertEquals(Long.MAX_VALUE, copy.excludedFrom);
        assertEquals(Map.of(), copy.lastValues);
    }

    @Test
    void aWindowSurvivesItsSerializer() throws Exception {
        UnitWindow window = new UnitWindow();
        window.totals.add(Map.of("values.converted", 1.0));
        window.events = 3;
        UnitWindow copy = roundTrip(UnitWindow.TYPE, window);
        assertEquals(window.totals.sums, copy.totals.sums);
        assertEquals(3, copy.events);
    }
}

package io.abtest.jobs.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abtest.jobs.analysis.records.EventKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The switched-unit option: units served another variant from a random instant on (multiple exposure). */
class SyntheticTrafficSwitchedUnitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Units with VALID served predictions of more than one variant, read from the records themselves. */
    static long multiExposedUnits(SyntheticTraffic traffic) throws Exception {
        Map<String, Set<String>> variants = new HashMap<>();
        for (SyntheticRecord record : traffic.toList()) {
            if (record.kind() != EventKind.PREDICTION || record.truth().kind() != Truth.Kind.VALID) {
                continue;
            }
            JsonNode event = JSON.readTree(record.json());
            if (event.path("served").asBoolean(true)) {
                variants.computeIfAbsent(record.unitId(), u -> new HashSet<>()).add(event.get("variant").asText());
            }
        }
        return variants.values().stream().filter(v -> v.size() > 1).count();
    }

    @Test
    void theSummaryCountsTheUnitsServedMoreThanOneVariant() throws Exception {
        SyntheticTraffic traffic = SyntheticTraffic.generate(TestExperiments.THREE_VARIANTS,
                SyntheticOptions.builder().units(4_000).shadowRate(0.2).switchedUnitFraction(0.1).build());
        long counted = traffic.summary().multipleExposureUnits();
        assertEquals(multiExposedUnits(traffic), counted);
        // 10% switched; a switch at a uniform instant splits a unit's ~5 requests in most cases
        assertTrue(counted > 0.05 * 4_000 && counted < 0.1 * 4_000, "switched units: " + counted);
    }

    @Test
    void withoutTheOptionNoUnitIsServedTwoVariantsAndTheTrafficIsUnchanged() throws Exception {
        SyntheticOptions options = SyntheticOptions.builder().units(2_000).shadowRate(0.2).build();
        SyntheticTraffic traffic = SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, options);
        assertEquals(0, traffic.summary().multipleExposureUnits());
        assertEquals(0, multiExposedUnits(traffic));
        assertEquals(traffic.toList(), SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS,
                options.toBuilder().switchedUnitFraction(0).build()).toList());
    }

    @Test
    void theFractionIsAProbability() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticOptions.builder().switchedUnitFraction(1.5).build());
    }
}

package io.abtest.jobs.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticTrafficDeterminismTest {

    private static final SyntheticOptions OPTIONS = SyntheticOptions.builder()
            .units(2_000).shadowRate(0.2).lift("challenger", 0.1).build();

    @Test
    void sameSeedGivesTheSameRecordsInTheSameOrder() {
        List<SyntheticRecord> first = SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, OPTIONS).toList();
        List<SyntheticRecord> second = SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, OPTIONS).toList();

        assertEquals(first.size(), second.size());
        assertEquals(first, second);
    }

    @Test
    void anotherSeedGivesOtherRecords() {
        List<SyntheticRecord> first = SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, OPTIONS).toList();
        List<SyntheticRecord> other = SyntheticTraffic.generate(
                TestExperiments.TWO_VARIANTS, OPTIONS.toBuilder().seed(43).build()).toList();

        assertNotEquals(first.get(0).json(), other.get(0).json());
    }

    @Test
    void renderingTwiceGivesTheSameText() {
        SyntheticTraffic traffic = SyntheticTraffic.generate(TestExperiments.TWO_VARIANTS, OPTIONS);

        assertEquals(traffic.toList(), traffic.toList());
    }
}

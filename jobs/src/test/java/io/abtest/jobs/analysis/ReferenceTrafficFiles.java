package io.abtest.jobs.analysis;

import io.abtest.jobs.synthetic.SyntheticTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: writes the JSON lines {@code reference_results.py} reads, for {@link AnalysisJobITCase}'s traffic
 * ({@code DIR/switched}) and for the same traffic without switched units ({@code DIR/clean}, the traffic the
 * references were pinned on before multiple exposure). Runs only with {@code -Dabtest.reference.dir=DIR}.
 */
class ReferenceTrafficFiles {

    @Test
    @EnabledIfSystemProperty(named = "abtest.reference.dir", matches = ".+")
    void write() throws Exception {
        Path dir = Path.of(System.getProperty("abtest.reference.dir"));
        write(dir.resolve("switched"), AnalysisJobITCase.SWITCHED_UNIT_FRACTION);
        write(dir.resolve("clean"), 0);
    }

    private static void write(Path folder, double switched) throws Exception {
        Files.createDirectories(folder);
        SyntheticTraffic traffic = SyntheticTraffic.generate(AnalysisJobITCase.CATALOG.config("ranker-v2"),
                AnalysisJobITCase.trafficOptions(switched));
        traffic.writeJsonLines(folder.resolve("predictions.jsonl"), folder.resolve("outcomes.jsonl"));
        System.out.println(folder + ": " + traffic.size() + " records, " + traffic.summary().multipleExposureUnits()
                + " multi-exposed units");
    }
}

package io.abtest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abtest.config.ExperimentConfigLoader;
import io.abtest.stats.planning.Alternative;
import io.abtest.stats.planning.Baseline;
import io.abtest.stats.planning.CentralTPower;
import io.abtest.stats.planning.Design;
import io.abtest.stats.planning.DetectableEffect;
import io.abtest.stats.planning.EffectDirection;
import io.abtest.stats.planning.ExperimentPlan;
import io.abtest.stats.planning.MeanFormula;
import io.abtest.stats.planning.MeanPlanning;
import io.abtest.stats.planning.PooledProportionPower;
import io.abtest.stats.planning.ProportionFormula;
import io.abtest.stats.planning.ProportionPlanning;
import io.abtest.stats.planning.Traffic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code plan} command: its numbers are {@link ExperimentPlan#of}'s and the engine's detectable-effect and power
 * functions', exactly; its text and JSON carry them; bad options are named and exit 2.
 */
class PlanCommandTest {

    private static final Path RANKER_V2 = Path.of("../deploy/experiments/ranker-v2.yaml");
    private static final Path MINIMAL = Path.of("../deploy/experiments/minimal.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LocalMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json(String... args) throws IOException {
        assertEquals(0, run(args), errors());
        return JSON.readTree(output());
    }

    private static ExperimentPlan engine(Path file, Baseline baseline, long dailyUnits) {
        return ExperimentPlan.of(ExperimentConfigLoader.load(file), baseline, Traffic.of(dailyUnits));
    }

    private static void assertEffect(DetectableEffect expected, JsonNode actual) {
        assertEquals(expected.control(), actual.get("control").doubleValue());
        assertEquals(expected.treatment(), actual.get("treatment").doubleValue());
        assertEquals(expected.difference(), actual.get("difference").doubleValue());
        assertEquals(expected.relative(), actual.get("relative").doubleValue());
        assertEquals(expected.standardized(), actual.get("standardized").doubleValue());
    }

    @Test
    void theUsageListsPlan() {
        assertEquals(2, run());
        assertTrue(errors().contains("  plan --experiment FILE --daily-units N --baseline-mean X"), errors());
        assertEquals(0, run("plan", "--help"));
        assertTrue(output().contains("--baseline-sd S     mean metric only, required there"), output());
    }

    @Test
    void rankerV2TextIsTheEnginesPlan() {
        assertEquals(0, run("plan", "--experiment", RANKER_V2.toString(), "--daily-units", "100000",
                "--baseline-mean", "0.1"));
        ExperimentPlan plan = engine(RANKER_V2, Baseline.rate(0.1), 100_000);
        // statsmodels 0.15.0: samplesize_proportions_2indep_onetail(0.002, 0.1, 0.9, ratio=1, alpha=0.025)
        assertEquals(563460.3325723599, plan.comparisons().get("challenger").control(), 563460.3325723599 * 1e-12);
        assertEquals(Map.of("champion", 563_461L, "challenger", 563_461L), plan.plannedUnits());
        String text = output();
        assertTrue(text.startsWith("plan for experiment ranker-v2 (" + RANKER_V2 + ")\n"), text);
        assertTrue(text.contains("sample size per variant (rounded up; at least minimum_sample_size 5,000)\n"
                + "  champion          563,461\n"
                + "  challenger        563,461\n"
                + "  total           1,126,922\n"), text);
        assertTrue(text.contains("minimum detectable effect at that size (power 0.9, alpha 0.025 per comparison)\n"
                + "  challenger   +2.000% relative: 0.1 -> 0.102; power at the planned effect 0.9\n"), text);
        // 563,461 a variant need 11.3 days at 50,000 a day; ranker-v2 asks for at least 14 days
        assertTrue(text.contains("duration 14 days, set by the minimum duration (the sample needs 12 days;"
                + " minimum_duration 14 days)\n"
                + "  units expected after 14 days: champion 700,000, challenger 700,000\n"
                + "  challenger against champion then detects +1.794% relative\n"), text);
        assertTrue(text.contains("  alpha           0.025 per comparison, two-sided (alpha 0.025, one challenger)\n"),
                text);
        assertTrue(text.contains("  un-rounded n    challenger against champion: 563,460.33 control and 563,460.33"
                + " challenger units (ratio 1)\n"), text);
        assertTrue(text.contains("  not modelled    ramp_up (3 steps)"), text);
        assertEquals("", errors());
    }

    @Test
    void rankerV2JsonIsTheEnginesPlanWithItsCurves() throws IOException {
        JsonNode json = json("plan", "--experiment", RANKER_V2.toString(), "--daily-units", "100000",
                "--baseline-mean", "0.1", "--json");
        ExperimentPlan plan = engine(RANKER_V2, Baseline.rate(0.1), 100_000);
        assertEquals("ranker-v2", json.get("experiment_id").asText());
        assertEquals("converted", json.at("/primary_metric/name").asText());
        assertEquals("proportion", json.at("/primary_metric/kind").asText());
        assertEquals(0.1, json.at("/baseline/rate").doubleValue());
        assertEquals(plan.alphaPerComparison(), json.get("alpha_per_comparison").doubleValue());
        assertEquals(plan.power(), json.get("power").doubleValue());
        assertEquals("pooled", json.get("formula").asText());
        assertEquals("two_sided", json.get("alternative").asText());
        assertEquals("PT336H", json.get("minimum_duration").asText());
        assertEquals(plan.plannedUnits("champion"), json.at("/planned_units/champion").longValue());
        assertEquals(plan.plannedUnits("challenger"), json.at("/planned_units/challenger").longValue());
        assertEquals(plan.totalUnits(), json.get("total_units").longValue());
        assertEquals(plan.duration().days(), json.at("/duration/days").longValue());
        assertEquals(plan.duration().sampleDays(), json.at("/duration/sample_days").longValue());
        assertEquals("minimum_duration", json.at("/duration/decided_by").asText());
        assertEquals(700_000, json.at("/duration/expected_units/challenger").longValue());

        JsonNode comparison = json.at("/comparisons/0");
        assertEquals("challenger", comparison.get("challenger").asText());
        assertEquals(plan.comparisons().get("challenger").control(),
                comparison.at("/sample_size/control").doubleValue());
        Design design = new Design(0.025, 0.9, 1, Alternative.TWO_SIDED);
        DetectableEffect atPlan = ProportionPlanning.minimumDetectableEffect(
                0.1, 563_461, EffectDirection.INCREASE, design, ProportionFormula.POOLED);
        assertEffect(atPlan, comparison.get("minimum_detectable_effect"));
        // rounding up to whole units detects a hair less than the configured 2%
        assertTrue(atPlan.relative() <= 0.02 && atPlan.relative() > 0.019999, "" + atPlan);
        double p2 = ProportionPlanning.treatmentRate(0.1, 0.02, EffectDirection.INCREASE);
        assertEquals(PooledProportionPower.power(0.1, p2, 563_461, design),
                comparison.get("power_at_planned_units").doubleValue());
        assertEffect(ProportionPlanning.minimumDetectableEffect(
                0.1, 700_000, EffectDirection.INCREASE, design, ProportionFormula.POOLED),
                comparison.get("minimum_detectable_effect_at_duration"));

        JsonNode curve = comparison.get("power_curve");
        assertEquals(PlanReport.POWER_CURVE_POINTS, curve.size());
        double previous = 0;
        for (JsonNode point : curve) {
            long n = point.get("control_units").longValue();
            double power = point.get("power").doubleValue();
            assertEquals(PooledProportionPower.power(0.1, p2, n, design), power);
            assertTrue(power > previous, curve.toString());
            assertEquals(power >= 0.9, n >= 563_461, point.toString());
            previous = power;
        }

        JsonNode byDays = comparison.get("mde_by_days");
        assertEquals(28, byDays.size());
        for (int day = 1; day <= 28; day++) {
            JsonNode point = byDays.get(day - 1);
            assertEquals(day, point.get("days").longValue());
            assertEquals(50_000L * day, point.get("control_units").longValue());
            assertEffect(ProportionPlanning.minimumDetectableEffect(0.1, 50_000.0 * day, EffectDirection.INCREASE,
                    design, ProportionFormula.POOLED), point.get("minimum_detectable_effect"));
        }
        assertEquals(comparison.get("minimum_detectable_effect_at_duration"),
                byDays.get(13).get("minimum_detectable_effect"));
    }

    @Test
    void theMinimalExampleWithItsDefaults() throws IOException {
        JsonNode json = json("plan", "--experiment", MINIMAL.toString(), "--daily-units", "5000",
                "--baseline-mean", "0.1", "--json");
        ExperimentPlan plan = engine(MINIMAL, Baseline.rate(0.1), 5_000);
        assertEquals(0.05, json.get("alpha_per_comparison").doubleValue());
        assertEquals(0.8, json.get("power").doubleValue());
        assertEquals(plan.plannedUnits("control"), json.at("/planned_units/control").longValue());
        assertEquals(plan.plannedUnits("treatment"), json.at("/planned_units/treatment").longValue());
        // statsmodels 0.15.0: samplesize_proportions_2indep_onetail(0.005, 0.1, 0.8, ratio=1, alpha=0.05)
        assertEquals(57762.65145412939, plan.comparisons().get("treatment").control(), 57762.65145412939 * 1e-12);
        assertEquals(24, json.at("/duration/days").longValue()); // 57,763 at 2,500 a day: 23.1 days
        assertEquals("sample_size", json.at("/duration/decided_by").asText());
        assertEquals(0, json.get("ramp_up_steps").intValue());
        // 48 days at most 120 rows: every day, with the planned day in it
        JsonNode byDays = json.at("/comparisons/0/mde_by_days");
        assertEquals(48, byDays.size());
        assertEquals(json.at("/comparisons/0/minimum_detectable_effect_at_duration"),
                byDays.get(23).get("minimum_detectable_effect"));
    }

    @Test
    void aLongPlanThinsTheDaysButKeepsThePlannedDay() throws IOException {
        JsonNode json = json("plan", "--experiment", MINIMAL.toString(), "--daily-units", "300",
                "--baseline-mean", "0.1", "--json");
        long days = json.at("/duration/days").longValue();
        assertEquals(386, days); // 57,763 at 150 a day: 385.1 days
        JsonNode byDays = json.at("/comparisons/0/mde_by_days");
        assertTrue(byDays.size() <= PlanReport.MDE_MAX_POINTS + 1, "" + byDays.size());
        boolean plannedDay = false;
        long previous = 0;
        for (JsonNode point : byDays) {
            long day = point.get("days").longValue();
            assertTrue(day > previous);
            plannedDay |= day == days;
            previous = day;
        }
        assertTrue(plannedDay, byDays.toString());
        long step = (2 * days + PlanReport.MDE_MAX_POINTS - 1) / PlanReport.MDE_MAX_POINTS;
        assertTrue(previous <= 2 * days && previous > 2 * days - step, "" + previous);
    }

    @Test
    void daysTooShortToDetectAnythingHaveNoEffect(@TempDir Path work) throws IOException {
        Path file = write(work, "large-effect.yaml", """
                experiment_id: large-effect
                hash_salt: s
                variants:
                  - {name: control, weight: 1, control: true}
                  - {name: treatment, weight: 1}
                metrics:
                  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better,
                     primary: true}
                minimum_detectable_effect: 2
                minimum_sample_size: 2
                minimum_duration: 0d
                """);
        JsonNode json = json("plan", "--experiment", file.toString(), "--daily-units", "2",
                "--baseline-mean", "0.2", "--json");
        JsonNode byDays = json.at("/comparisons/0/mde_by_days");
        // day 1: one unit a side, no comparison; day 2: two a side, too few for any effect at power 0.8
        assertEquals(1, byDays.get(0).get("control_units").longValue());
        assertTrue(byDays.get(0).get("minimum_detectable_effect").isNull(), byDays.toString());
        assertEquals(2, byDays.get(1).get("control_units").longValue());
        assertTrue(byDays.get(1).get("minimum_detectable_effect").isNull(), byDays.toString());
        long days = json.at("/duration/days").longValue();
        assertFalse(byDays.get((int) days - 1).get("minimum_detectable_effect").isNull(), byDays.toString());
    }

    @Test
    void aMeanMetricNeedsItsStandardDeviation(@TempDir Path work) throws IOException {
        Path file = write(work, "latency.yaml", """
                experiment_id: latency-model
                hash_salt: s
                variants:
                  - {name: control, weight: 1, control: true}
                  - {name: treatment, weight: 1}
                metrics:
                  - {name: latency, kind: mean, source: latency_ms, direction: lower_is_better, primary: true}
                minimum_detectable_effect: 0.05
                minimum_sample_size: 100
                minimum_duration: 1d
                """);
        assertEquals(2, run("plan", "--experiment", file.toString(), "--daily-units", "1000",
                "--baseline-mean", "120"));
        assertTrue(errors().contains("plan: --baseline-sd: required for mean metric 'latency' (the per-unit"
                + " standard deviation)\n"), errors());

        JsonNode json = json("plan", "--experiment", file.toString(), "--daily-units", "1000",
                "--baseline-mean", "120", "--baseline-sd", "40", "--json");
        ExperimentPlan plan = engine(file, Baseline.mean(120, 40), 1_000);
        Design design = new Design(0.05, 0.8, 1, Alternative.TWO_SIDED);
        // d = 120 x 0.05 / 40 = 0.15; statsmodels 0.15.0: TTestIndPower().solve_power(effect_size=0.15, alpha=0.05,
        // power=0.8, ratio=1.0) = 698.6381512056056, which the central-t approximation meets within -0.73 to +2.11
        double n = plan.comparisons().get("treatment").control();
        assertTrue(n - 698.6381512056056 > -0.73 && n - 698.6381512056056 < 2.11, "" + n);
        assertEquals(CentralTPower.sampleSize(0.15, design), n);
        assertEquals(plan.plannedUnits("treatment"), json.at("/planned_units/treatment").longValue());
        assertEquals(120.0, json.at("/baseline/mean").doubleValue());
        assertEquals(40.0, json.at("/baseline/standard_deviation").doubleValue());
        assertEquals("central_t", json.get("formula").asText());
        assertEquals("decrease", json.get("effect_direction").asText());
        assertEquals(-6.0, json.at("/planned_effect/difference").doubleValue(), 1e-12);
        // the engine reports an increase; lower_is_better shows the same size as a decrease
        DetectableEffect up = MeanPlanning.minimumDetectableEffect(120, 40, plan.plannedUnits("control"), design,
                MeanFormula.CENTRAL_T);
        assertEffect(new DetectableEffect(120, 120 - up.difference(), -up.difference(), -up.relative(),
                -up.standardized()), json.at("/comparisons/0/minimum_detectable_effect"));
        assertTrue(up.relative() < 0.05 && up.relative() > 0.0499, "" + up);
        for (JsonNode point : json.at("/comparisons/0/power_curve")) {
            assertEquals(CentralTPower.power(120 * 0.05 / 40, point.get("control_units").doubleValue(), design),
                    point.get("power").doubleValue());
        }

        out.reset();
        assertEquals(0, run("plan", "--experiment", file.toString(), "--daily-units", "1000",
                "--baseline-mean", "120", "--baseline-sd", "40"));
        assertTrue(output().contains("  baseline        mean 120 (--baseline-mean), standard deviation 40 per unit"
                + " (--baseline-sd)\n"), output());
        assertTrue(output().contains("  planned effect  -5.000% relative (minimum_detectable_effect 0.05):"
                + " 120 -> 114, d -0.15\n"), output());
    }

    @Test
    void severalChallengersSplitAlphaAndUseTheirRatio(@TempDir Path work) throws IOException {
        Path file = write(work, "three.yaml", """
                experiment_id: three-arms
                hash_salt: s
                variants:
                  - {name: champion, weight: 50, control: true}
                  - {name: a, weight: 25}
                  - {name: b, weight: 25}
                metrics:
                  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better,
                     primary: true}
                minimum_detectable_effect: 0.05
                """);
        JsonNode json = json("plan", "--experiment", file.toString(), "--daily-units", "20000",
                "--baseline-mean", "0.1", "--json");
        ExperimentPlan plan = engine(file, Baseline.rate(0.1), 20_000);
        assertEquals(0.025, json.get("alpha_per_comparison").doubleValue());
        assertEquals(2, json.get("comparisons").size());
        for (JsonNode c : json.get("comparisons")) {
            assertEquals(0.5, c.get("allocation_ratio").doubleValue());
            String challenger = c.get("challenger").asText();
            assertEquals(plan.comparisons().get(challenger).control(), c.at("/sample_size/control").doubleValue());
            Design atPlan = new Design(0.025, 0.8,
                    (double) plan.plannedUnits(challenger) / plan.plannedUnits("champion"), Alternative.TWO_SIDED);
            assertEffect(ProportionPlanning.minimumDetectableEffect(0.1, plan.plannedUnits("champion"),
                    EffectDirection.INCREASE, atPlan, ProportionFormula.POOLED), c.get("minimum_detectable_effect"));
            JsonNode day = c.at("/mde_by_days/0");
            assertEquals(10_000, day.get("control_units").longValue());
            assertEquals(5_000, day.get("treatment_units").longValue());
        }
        out.reset();
        assertEquals(0, run("plan", "--experiment", file.toString(), "--daily-units", "20000",
                "--baseline-mean", "0.1"));
        assertTrue(output().contains("(alpha 0.05 / 2 challengers, for holm)"), output());
    }

    @Test
    void aRatioPrimaryMetricIsRefusedSayingWhy(@TempDir Path work) throws IOException {
        Path file = write(work, "revenue.yaml", """
                experiment_id: revenue
                hash_salt: s
                variants:
                  - {name: control, weight: 1, control: true}
                  - {name: treatment, weight: 1}
                metrics:
                  - {name: revenue_per_request, kind: ratio, source: values.revenue, denominator: requests,
                     direction: higher_is_better, primary: true}
                minimum_detectable_effect: 0.02
                """);
        assertEquals(2, run("plan", "--experiment", file.toString(), "--daily-units", "1000",
                "--baseline-mean", "0.5", "--baseline-sd", "1"));
        assertTrue(errors().contains("plan: --experiment: primary metric 'revenue_per_request' is a ratio metric,"
                + " which the plan command does not plan: its sample size rests on the standard deviation of the"
                + " delta method's per-unit linearization (y - R x) / mean(x)"), errors());
        assertEquals("", output());
    }

    @Test
    void badOptionsAreNamedTogether() {
        assertEquals(2, run("plan", "--experiment", RANKER_V2.toString(), "--daily-units", "ten",
                "--baseline-mean", "abc", "--colour", "red", "--baseline-sd"));
        assertTrue(errors().contains("plan: --daily-units: must be a whole number in [1, 1000000000000], got ten\n"),
                errors());
        assertTrue(errors().contains("plan: --baseline-mean: must be a finite number, got abc\n"), errors());
        assertTrue(errors().contains("plan: --colour: unknown argument\n"), errors());
        assertTrue(errors().contains("plan: red: unknown argument\n"), errors());
        assertTrue(errors().contains("plan: --baseline-sd: missing value\n"), errors());
        assertTrue(errors().contains("usage: java -jar abtest-local.jar plan"), errors());
        assertEquals("", output());
    }

    @Test
    void requiredOptionsAreNamed() {
        assertEquals(2, run("plan"));
        assertTrue(errors().contains("plan: --experiment: required"), errors());
        assertTrue(errors().contains("plan: --daily-units: required"), errors());
        assertTrue(errors().contains("plan: --baseline-mean: required"), errors());
        err.reset();
        assertEquals(2, run("plan", "--experiment", RANKER_V2.toString(), "--daily-units", "0",
                "--baseline-mean", "0.1"));
        assertTrue(errors().contains("plan: --daily-units: must be a whole number in [1, 1000000000000], got 0"),
                errors());
    }

    @Test
    void aBaselineOfTheWrongKindIsNamed() {
        assertEquals(2, run("plan", "--experiment", RANKER_V2.toString(), "--daily-units", "1000",
                "--baseline-mean", "10", "--baseline-sd", "3"));
        assertTrue(errors().contains("plan: --baseline-mean: must be the control's rate of proportion metric"
                + " 'converted', in (0, 1), got 10.0\n"), errors());
        assertTrue(errors().contains("plan: --baseline-sd: not taken for proportion metric 'converted': a rate's"
                + " standard deviation follows from the rate\n"), errors());
    }

    @Test
    void aMissingOrBadExperimentFileIsNamed(@TempDir Path work) throws IOException {
        assertEquals(2, run("plan", "--experiment", work.resolve("nowhere.yaml").toString(), "--daily-units", "1000",
                "--baseline-mean", "0.1"));
        assertTrue(errors().contains("plan: --experiment: " + work.resolve("nowhere.yaml") + ": cannot read the file"),
                errors());
        err.reset();
        Path typo = write(work, "typo.yaml", Files.readString(MINIMAL).replace("minimum_detectable_effect",
                "minimum_detectable_efect"));
        assertEquals(2, run("plan", "--experiment", typo.toString(), "--daily-units", "1000",
                "--baseline-mean", "0.1"));
        assertTrue(errors().contains("plan: --experiment: " + typo + ": minimum_detectable_efect: unknown field"),
                errors());
    }

    @Test
    void whatTheEngineCannotPlanIsRefusedInItsWords() {
        assertEquals(2, run("plan", "--experiment", RANKER_V2.toString(), "--daily-units", "1000",
                "--baseline-mean", "0.99"));
        assertTrue(errors().contains("plan: cannot plan experiment ranker-v2: baselineRate=0.99 with"
                + " relativeLift=0.02 gives treatment rate p2=1.0098, outside (0, 1)"), errors());
        assertFalse(output().contains("sample size"));
    }

    private static Path write(Path folder, String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }
}

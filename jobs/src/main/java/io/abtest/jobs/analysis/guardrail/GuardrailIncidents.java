package io.abtest.jobs.analysis.guardrail;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailRow;
import io.abtest.jobs.analysis.validate.AllowedLateness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Guardrail incidents from judged windows, with Flink CEP: the {@code guardrails/} rows and the incidents as they open
 * and resolve.
 * <pre>
 *   judgments (one per guardrail, variant and window; any timestamps)
 *     -> JudgedWindows           drops NOT_JUDGED windows (and judgments of unknown guardrails)
 *     -> JudgmentEventTime       event time = window end + closing delay (the time the window closes)
 *     -> breaching windows as BREACH signals ------------------------------------------------------------+
 *     -> per distinct consecutive_breaches N: keyBy(incidentKey) -> CEP "N breaches in a row"  BREACH_RUN --+
 *     -> per distinct recovery_windows M:     keyBy(incidentKey) -> CEP "M healthy in a row"   RECOVERY ----+
 *                                                                                                          v
 *   keyBy(incidentKey) -> IncidentLifecycle (waits for the watermark, applies in window order)
 *     -> rows: guardrails/                      side output INCIDENTS -> incidents (alerts, stop, decisions)
 * </pre>
 *
 * <p>Wiring: {@code GuardrailIncidents guardrails = GuardrailIncidents.build(judgments, catalog);} then
 * {@code outputs.guardrails(guardrails.rows())} and the alert and control sinks on {@code guardrails.incidents()}.
 * The judgments need watermarks (the job's, passed on by the judging operators), and each must get here before the
 * watermark passes its window's end plus the closing delay, as it does when it is emitted as its window closes; see
 * {@link JudgmentEventTime}.
 *
 * <p>Operators and uids: {@value JudgedWindows#UID}, {@value JudgmentEventTime#UID},
 * {@value #BREACHES_UID}, {@value #BREACH_SIGNALS_UID} (stateless), per distinct run
 * length {@code guardrail-breach-run-N} and {@code guardrail-recovery-M} (CEP, keyed state: the partial runs; their
 * filters {@code ...-judgments}, stateless) and {@value IncidentLifecycle#UID} (keyed state: the open incident, the
 * signals waiting for the watermark). A configuration change that adds a run length adds a CEP operator; one that
 * removes the last guardrail with a length removes one, and a restore from a savepoint then needs
 * {@code --allowNonRestoredState} (that operator's partial runs are dropped). A guardrail whose run length changes
 * starts its partial runs afresh in the other operator; an open incident is kept.
 *
 * @param rows the {@code guardrails/} rows: every breaching window, and each incident's resolution
 * @param incidents each incident as it opens and as it resolves
 */
public record GuardrailIncidents(DataStream<GuardrailRow> rows, DataStream<GuardrailIncident> incidents) {

    public static final String BREACHES_UID = "guardrail-breaching-windows";
    public static final String BREACH_SIGNALS_UID = "guardrail-breach-signals";

    /**
     * For the job's judgments: built-in guardrails' windows judged as the watermark passes their end
     * ({@code GuardrailWindows}), configured metrics' at analysis points, which close the largest
     * {@code allowed_lateness} of the catalog after their end ({@code AnalysisWindows}).
     */
    public static GuardrailIncidents build(DataStream<GuardrailJudgment> judgments, ExperimentCatalog catalog) {
        return build(judgments, catalog, Duration.ZERO, AllowedLateness.of(catalog).largest());
    }

    /**
     * @param closingDelay the longest, in event time, between a window's end and the watermark at which its judgment
     *     is emitted
     */
    public static GuardrailIncidents build(DataStream<GuardrailJudgment> judgments, ExperimentCatalog catalog,
            Duration closingDelay) {
        return build(judgments, catalog, closingDelay, closingDelay);
    }

    private static GuardrailIncidents build(DataStream<GuardrailJudgment> judgments, ExperimentCatalog catalog,
            Duration builtInDelay, Duration configuredMetricDelay) {
        ConfiguredGuardrails guardrails = new ConfiguredGuardrails(catalog);
        DataStream<GuardrailJudgment> judged = judgments
                .filter(new JudgedWindows(guardrails)).uid(JudgedWindows.UID).name(JudgedWindows.NAME)
                .transform(JudgmentEventTime.NAME, GuardrailTypes.JUDGMENT,
                        new JudgmentEventTime(builtInDelay.toMillis(), configuredMetricDelay.toMillis()))
                .uid(JudgmentEventTime.UID);

        List<DataStream<IncidentSignal>> runs = new ArrayList<>();
        for (IncidentRun run : IncidentRun.values()) {
            for (int length : guardrails.distinct(run::length)) {
                runs.add(runs(judged, guardrails, run, length));
            }
        }
        DataStream<IncidentSignal> signals = judged
                .filter(GuardrailJudgment::breached).uid(BREACHES_UID).name("Guardrail breaching windows")
                .map(IncidentSignal::breach).returns(GuardrailTypes.SIGNAL)
                .uid(BREACH_SIGNALS_UID).name("Guardrail breach signals");
        for (DataStream<IncidentSignal> run : runs) {
            signals = signals.union(run);
        }
        SingleOutputStreamOperator<GuardrailRow> rows = signals
                .keyBy(IncidentSignal::incidentKey)
                .process(new IncidentLifecycle(guardrails), GuardrailTypes.ROW)
                .uid(IncidentLifecycle.UID).name(IncidentLifecycle.NAME);
        return new GuardrailIncidents(rows, rows.getSideOutput(IncidentLifecycle.INCIDENTS));
    }

    private static DataStream<IncidentSignal> runs(DataStream<GuardrailJudgment> judged,
            ConfiguredGuardrails guardrails, IncidentRun run, int length) {
        return CEP.pattern(
                        judged.filter(new OfRunLength(guardrails, run, length))
                                .uid(run.filterUid(length)).name(run.filterName(length))
                                .keyBy(GuardrailJudgment::incidentKey),
                        run.pattern(length))
                .inEventTime()
                .process(new RunCompleted(run), GuardrailTypes.SIGNAL)
                .uid(run.uid(length)).name(run.name(length));
    }
}

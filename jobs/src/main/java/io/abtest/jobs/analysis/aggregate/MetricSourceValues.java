package io.abtest.jobs.analysis.aggregate;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.jobs.analysis.records.AttributedOutcome;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in metric sources ({@code io.abtest.config.BuiltInMetrics}) and {@code values.NAME}, computed per event.
 *
 * <p>From a served prediction: {@code requests} = 1, {@code latency_ms}, {@code error} and {@code timeout} (0/1),
 * {@code score}. From an outcome attributed to it: {@code values.NAME} for each value; with a label,
 * {@code label_correct} (1 when it equals the predicted label); for a binary label ({@code 1/0}, {@code true/false})
 * and a score in [0, 1], {@code log_loss} = -(y ln s + (1-y) ln(1-s)) with s clipped to [1e-15, 1 - 1e-15] and
 * {@code brier} = (s - y)^2; for a numeric label, {@code abs_error} = |score - label| and {@code squared_error}.
 */
public final class MetricSourceValues {

    private static final double CLIP = 1e-15;

    private MetricSourceValues() {}

    public static UnitSignal ofServedPrediction(PredictionEvent p) {
        Map<String, Double> sources = new HashMap<>();
        sources.put("requests", 1.0);
        sources.put("latency_ms", p.latencyMs());
        sources.put("error", p.status() == PredictionStatus.ERROR ? 1.0 : 0.0);
        sources.put("timeout", p.status() == PredictionStatus.TIMEOUT ? 1.0 : 0.0);
        if (p.score() != null) {
            sources.put("score", p.score());
        }
        return new UnitSignal(p.experimentId(), p.unitId(), p.variant(), p.attributes(), p.eventTime(), true, sources);
    }

    public static UnitSignal ofAttributedOutcome(AttributedOutcome attributed) {
        PredictionEvent p = attributed.prediction();
        OutcomeEvent o = attributed.outcome();
        Map<String, Double> sources = new HashMap<>();
        o.values().forEach((name, value) -> sources.put("values." + name, value));
        if (o.label() != null) {
            if (p.predictedLabel() != null) {
                sources.put("label_correct", o.label().equals(p.predictedLabel()) ? 1.0 : 0.0);
            }
            Double binary = binaryLabel(o.label());
            if (binary != null && p.score() != null && p.score() >= 0 && p.score() <= 1) {
                double s = Math.min(Math.max(p.score(), CLIP), 1 - CLIP);
                sources.put("log_loss", -(binary * Math.log(s) + (1 - binary) * Math.log(1 - s)));
                sources.put("brier", (p.score() - binary) * (p.score() - binary));
            }
            Double numeric = numericLabel(o.label());
            if (numeric != null && p.score() != null) {
                sources.put("abs_error", Math.abs(p.score() - numeric));
                sources.put("squared_error", (p.score() - numeric) * (p.score() - numeric));
            }
        }
        return new UnitSignal(p.experimentId(), p.unitId(), p.variant(), p.attributes(), o.eventTime(), false, sources);
    }

    private static Double binaryLabel(String label) {
        switch (label.toLowerCase(Locale.ROOT)) {
            case "1":
            case "true":
                return 1.0;
            case "0":
            case "false":
                return 0.0;
            default:
                return null;
        }
    }

    private static Double numericLabel(String label) {
        try {
            double value = Double.parseDouble(label);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

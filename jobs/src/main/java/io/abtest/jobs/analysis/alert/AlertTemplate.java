package io.abtest.jobs.analysis.alert;

import io.abtest.config.DurationText;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The alert of a guardrail incident, as a Prometheus alerting rule's labels and annotations templates would write
 * it. Labels hold identity only, no times and no incident id, so every re-send and every replay of an incident has
 * one label set and Alertmanager deduplicates it; a later incident of the same guardrail reuses the label set, as a
 * recurring Prometheus alert does, and differs by {@code startsAt}.
 *
 * <ul>
 *   <li>labels: {@code alertname} = {@value #ALERTNAME}, {@code experiment_id}, {@code variant}, {@code guardrail},
 *       {@code severity};</li>
 *   <li>annotations: {@code summary} and {@code description} in words (what breached, observed against threshold
 *       and by how much, over how many windows of what length, since when, what the job did), and
 *       {@code incident_id} (as in {@code guardrails/});</li>
 *   <li>{@code startsAt}: the incident's {@code openedAt}; {@code endsAt}: its resolution time ({@code at}) once
 *       resolved, null while it is open (the Alertmanager notifier sets a lease when it sends a firing alert);</li>
 *   <li>{@code generatorURL}: {@link GeneratorUrl}.</li>
 * </ul>
 * All of it is event time and the incident's own values, so a replay writes the same alert.
 */
public final class AlertTemplate implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String ALERTNAME = "AbTestGuardrailBreached";

    private final GeneratorUrl generatorUrl;

    public AlertTemplate(GeneratorUrl generatorUrl) {
        this.generatorUrl = generatorUrl;
    }

    public Alert alert(GuardrailIncident incident) {
        boolean open = incident.state() == GuardrailIncident.State.OPEN;
        return Alert.of(
                Map.of("alertname", ALERTNAME,
                        "experiment_id", incident.experimentId(),
                        "variant", incident.variant(),
                        "guardrail", incident.guardrail(),
                        "severity", incident.severity()),
                Map.of("summary", open ? openSummary(incident) : resolvedSummary(incident),
                        "description", open ? openDescription(incident) : resolvedDescription(incident),
                        "incident_id", incident.incidentId()),
                Instant.ofEpochMilli(incident.openedAt()),
                open ? null : Instant.ofEpochMilli(incident.at()),
                generatorUrl.expand(incident));
    }

    private static String openSummary(GuardrailIncident incident) {
        return String.format(Locale.ROOT, "%s/%s breached guardrail %s: %s %s, threshold %s", incident.experimentId(),
                incident.variant(), incident.guardrail(), incident.metric(), number(incident.observed()),
                number(incident.threshold()));
    }

    private static String resolvedSummary(GuardrailIncident incident) {
        return String.format(Locale.ROOT, "%s/%s recovered on guardrail %s: %s %s, threshold %s",
                incident.experimentId(), incident.variant(), incident.guardrail(), incident.metric(),
                number(incident.observed()), number(incident.threshold()));
    }

    private static String openDescription(GuardrailIncident incident) {
        return String.format(Locale.ROOT,
                "Variant %s of experiment %s breached guardrail %s (%s): %s was %s against a threshold of %s%s, "
                        + "over %,d events, in %s. The incident opened at %s, the end of the last of those windows. %s",
                incident.variant(), incident.experimentId(), incident.guardrail(), incident.severity(),
                incident.metric(), number(incident.observed()), number(incident.threshold()), difference(incident),
                incident.events(), windows(incident), time(incident.openedAt()), openAction(incident));
    }

    private static String resolvedDescription(GuardrailIncident incident) {
        return String.format(Locale.ROOT,
                "Variant %s of experiment %s recovered on guardrail %s (%s): %s was %s against a threshold of %s%s, "
                        + "over %,d events, in the window ending %s. The incident was open from %s to %s (%s). %s",
                incident.variant(), incident.experimentId(), incident.guardrail(), incident.severity(),
                incident.metric(), number(incident.observed()), number(incident.threshold()), difference(incident),
                incident.events(), time(incident.at()), time(incident.openedAt()), time(incident.at()),
                duration(Duration.ofMillis(incident.at() - incident.openedAt())), resolvedAction(incident));
    }

    private static String openAction(GuardrailIncident incident) {
        return stops(incident)
                ? "The job wrote STOPPED to ab.control: every unit now gets the control variant."
                : "Alert only: the job did not change routing.";
    }

    private static String resolvedAction(GuardrailIncident incident) {
        return stops(incident)
                ? "When it opened, the job wrote STOPPED to ab.control."
                : "Alert only: the job did not change routing.";
    }

    private static boolean stops(GuardrailIncident incident) {
        return "stop".equals(incident.action());
    }

    private static String windows(GuardrailIncident incident) {
        String window = DurationText.parse(incident.window()).map(AlertTemplate::duration).orElse(incident.window());
        return incident.consecutiveBreaches() == 1
                ? "a window of " + window
                : incident.consecutiveBreaches() + " consecutive windows of " + window;
    }

    private static String difference(GuardrailIncident incident) {
        Double observed = incident.observed();
        Double threshold = incident.threshold();
        if (observed == null || threshold == null || !Double.isFinite(observed - threshold)) {
            return "";
        }
        double difference = observed - threshold;
        if (difference == 0) {
            return " (equal to it)";
        }
        String side = difference > 0 ? "above" : "below";
        String relative = threshold == 0 ? ""
                : ", " + number(Math.abs(difference / threshold) * 100) + "%";
        return " (" + number(Math.abs(difference)) + relative + " " + side + " it)";
    }

    /** Four significant digits, no exponent, no trailing zeros: 312.5, 0.02346, 250. */
    static String number(Double value) {
        if (value == null) {
            return "not measured";
        }
        if (!Double.isFinite(value)) {
            return value.toString();
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The largest whole unit: 5m, 2h, 1d, 90s, 500ms. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (millis != 0 && millis % units[i] == 0) {
                return millis / units[i] + names[i];
            }
        }
        return millis + "ms";
    }

    private static String time(long epochMillis) {
        return AlertJson.rfc3339(Instant.ofEpochMilli(epochMillis));
    }
}

package io.abtest.jobs.analysis.alert;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code generatorURL} of an alert: a link pattern in which {@code {experiment_id}}, {@code {variant}},
 * {@code {guardrail}} and {@code {incident_id}} are replaced by the incident's values, URL-encoded. The default,
 * {@value #DEFAULT}, is the running-jobs page of the Flink web UI on the JobManager's default port; a deployment sets
 * its own, e.g. {@code https://flink.example.com/#/job/running} or a dashboard
 * {@code https://grafana.example.com/d/abtest?var-experiment={experiment_id}&var-variant={variant}}.
 */
public final class GeneratorUrl implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT = "http://localhost:8081/#/job/running";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Map<String, String> EXAMPLE = Map.of("experiment_id", "ranker-v2", "variant", "challenger",
            "guardrail", "latency-p99", "incident_id", "ranker-v2|challenger|latency-p99|1764238500000");

    private final String pattern;

    private GeneratorUrl(String pattern) {
        this.pattern = pattern;
    }

    /** @throws IllegalArgumentException with {@link #problem}'s text */
    public static GeneratorUrl of(String pattern) {
        problem(pattern).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new GeneratorUrl(pattern);
    }

    /**
     * What is wrong with a pattern: an unknown placeholder, or a result that is not an absolute http(s) URL (which
     * Alertmanager would reject).
     */
    public static Optional<String> problem(String pattern) {
        Matcher placeholders = PLACEHOLDER.matcher(pattern);
        while (placeholders.find()) {
            if (!EXAMPLE.containsKey(placeholders.group(1))) {
                return Optional.of("unknown placeholder {" + placeholders.group(1)
                        + "} (known: {experiment_id}, {variant}, {guardrail}, {incident_id}) in " + pattern);
            }
        }
        try {
            URI uri = new URI(expand(pattern, EXAMPLE));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                return Optional.of("must be an absolute http:// or https:// URL, got " + pattern);
            }
        } catch (URISyntaxException e) {
            return Optional.of("not a URL (" + e.getReason() + "): " + pattern);
        }
        return Optional.empty();
    }

    public String pattern() {
        return pattern;
    }

    public String expand(GuardrailIncident incident) {
        return expand(pattern, Map.of("experiment_id", incident.experimentId(), "variant", incident.variant(),
                "guardrail", incident.guardrail(), "incident_id", incident.incidentId()));
    }

    private static String expand(String pattern, Map<String, String> values) {
        return PLACEHOLDER.matcher(pattern).replaceAll(placeholder ->
                Matcher.quoteReplacement(URLEncoder.encode(values.get(placeholder.group(1)), StandardCharsets.UTF_8)));
    }
}

package io.abtest.jobs.analysis.alert;

import io.abtest.config.DurationText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a streaming run's alerts go ({@link AlertSinks#attach}); the analysis job's arguments:
 *
 * <pre>
 * --alerts-topic NAME              Kafka topic of the alerts, on --bootstrap-servers; default ab.alerts
 * --alertmanager-url URL[,URL]     post alerts to these Alertmanagers (an HA pair: every one of them), e.g.
 *                                  http://alertmanager:9093; default none (Kafka only)
 * --alert-resend-interval DURATION re-send firing alerts this often (Prometheus' resend_delay), at least 1s;
 *                                  default 1m
 * --alert-generator-url PATTERN    the alerts' generatorURL; {experiment_id}, {variant}, {guardrail} and {incident_id}
 *                                  are replaced; default http://localhost:8081/#/job/running (the Flink web UI)
 * </pre>
 *
 * @param bootstrapServers Kafka brokers for the alerts topic; null: no Kafka sink
 * @param topic the alerts topic
 * @param alertmanagers Alertmanager base URLs; empty: no notifier
 * @param resendInterval how often a firing alert is re-sent
 * @param generatorUrl the generatorURL pattern
 */
public record AlertOptions(String bootstrapServers, String topic, List<URI> alertmanagers, Duration resendInterval,
        GeneratorUrl generatorUrl) {

    public static final String DEFAULT_TOPIC = "ab.alerts";
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MIN_RESEND_INTERVAL = Duration.ofSeconds(1);

    public static final String TOPIC = "alerts-topic";
    public static final String ALERTMANAGER_URL = "alertmanager-url";
    public static final String RESEND_INTERVAL = "alert-resend-interval";
    public static final String GENERATOR_URL = "alert-generator-url";

    /** The argument names, without {@code --}. */
    public static final Set<String> NAMES = Set.of(TOPIC, ALERTMANAGER_URL, RESEND_INTERVAL, GENERATOR_URL);

    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    public AlertOptions {
        alertmanagers = List.copyOf(alertmanagers);
    }

    /** Nothing attached: what a batch rerun gets (CONTRACT.md section 3: reruns never post alerts). */
    public static AlertOptions none() {
        return new AlertOptions(null, DEFAULT_TOPIC, List.of(), DEFAULT_RESEND_INTERVAL,
                GeneratorUrl.of(GeneratorUrl.DEFAULT));
    }

    /**
     * The options from {@code --name value} arguments (names without {@code --}), each bad one added to
     * {@code problems} with its name.
     */
    public static AlertOptions parse(Map<String, String> values, String bootstrapServers, List<String> problems) {
        String topic = values.getOrDefault(TOPIC, DEFAULT_TOPIC);
        if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            problems.add("--" + TOPIC + ": must be a Kafka topic name (letters, digits, '.', '_', '-'; at most 249), "
                    + "got " + topic);
        }
        List<URI> alertmanagers = alertmanagers(values.get(ALERTMANAGER_URL), problems);
        String intervalText = values.getOrDefault(RESEND_INTERVAL, "1m");
        Duration interval = DurationText.parse(intervalText).orElse(null);
        if (interval == null || interval.compareTo(MIN_RESEND_INTERVAL) < 0) {
            problems.add("--" + RESEND_INTERVAL + ": must be a duration of at least 1s such as 30s, 1m, 5m, got "
                    + intervalText);
            interval = DEFAULT_RESEND_INTERVAL;
        }
        String pattern = values.getOrDefault(GENERATOR_URL, GeneratorUrl.DEFAULT);
        GeneratorUrl generatorUrl = GeneratorUrl.problem(pattern).map(problem -> {
            problems.add("--" + GENERATOR_URL + ": " + problem);
            return GeneratorUrl.of(GeneratorUrl.DEFAULT);
        }).orElseGet(() -> GeneratorUrl.of(pattern));
        return new AlertOptions(bootstrapServers, topic, alertmanagers, interval, generatorUrl);
    }

    private static List<URI> alertmanagers(String text, List<String> problems) {
        if (text == null) {
            return List.of();
        }
        Set<URI> urls = new LinkedHashSet<>();
        for (String item : text.split(",", -1)) {
            String candidate = item.strip();
            try {
                URI url = new URI(candidate);
                boolean http = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
                if (!http || url.getHost() == null || url.getQuery() != null || url.getFragment() != null) {
                    problems.add("--" + ALERTMANAGER_URL + ": must be http:// or https:// URLs without query or "
                            + "fragment, separated by commas, got '" + candidate + "'");
                } else {
                    urls.add(url);
                }
            } catch (URISyntaxException e) {
                problems.add("--" + ALERTMANAGER_URL + ": not a URL (" + e.getReason() + "): '" + candidate + "'");
            }
        }
        return new ArrayList<>(urls);
    }

    public ResendPolicy resendPolicy() {
        return ResendPolicy.every(resendInterval);
    }

    public AlertTemplate template() {
        return new AlertTemplate(generatorUrl);
    }
}

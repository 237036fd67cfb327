package io.abtest.jobs.analysis.alert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AlertRecordSerializerTest {

    private final AlertTemplate template = new AlertTemplate(GeneratorUrl.of(GeneratorUrl.DEFAULT));
    private final AlertRecordSerializer serializer = new AlertRecordSerializer("ab.alerts", template);

    @Test
    void keysEachIncidentChangeByExperimentVariantGuardrailAndIncidentId() {
        ProducerRecord<byte[], byte[]> opened = serializer.serialize(Incidents.latencyOpen(), null, null);
        ProducerRecord<byte[], byte[]> resolved = serializer.serialize(Incidents.latencyResolved(), null, null);

        String key = "ranker-v2|challenger|latency-p99|ranker-v2/challenger/latency-p99/2026-11-27T10:15:00Z";
        assertEquals(key, new String(opened.key(), StandardCharsets.UTF_8));
        assertEquals(key, new String(resolved.key(), StandardCharsets.UTF_8));
        assertEquals("ab.alerts", opened.topic());
        assertEquals(null, opened.partition());
        assertEquals(null, opened.timestamp(), "the producer's time: an event-time timestamp older than the topic's"
                + " retention would get the alert deleted");
        assertEquals(null, resolved.timestamp());
        assertArrayEquals(AlertJson.object(template.alert(Incidents.latencyOpen())), opened.value());
        assertArrayEquals(AlertJson.object(template.alert(Incidents.latencyResolved())), resolved.value());
    }

    @Test
    void aReplayWritesTheSameKeyAndValue() {
        GuardrailIncident incident = Incidents.errorRateOpen();

        ProducerRecord<byte[], byte[]> first = serializer.serialize(incident, null, null);
        ProducerRecord<byte[], byte[]> replayed = serializer.serialize(incident, null, 42L);

        assertArrayEquals(first.key(), replayed.key());
        assertArrayEquals(first.value(), replayed.value());
        assertEquals(first.timestamp(), replayed.timestamp());
    }

    @Test
    void theLabelSetKeyLeavesOutTheIncident() {
        assertEquals("ranker-v2|challenger|latency-p99", AlertKeys.labelSetKey(Incidents.latencyOpen()));
        assertEquals(AlertKeys.labelSetKey(Incidents.open("exp", "errors", 1)),
                AlertKeys.labelSetKey(Incidents.open("exp", "errors", 2)));
    }
}

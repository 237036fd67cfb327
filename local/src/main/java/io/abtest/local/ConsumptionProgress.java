package io.abtest.local;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * How far the job has read: the offsets its consumer group committed (the Kafka source commits them on each
 * completed checkpoint), summed over the partitions of its topics. Topics the demo created start at offset 0, so
 * the sum is the number of records consumed and checkpointed.
 */
final class ConsumptionProgress implements AutoCloseable {

    private final Admin admin;
    private final String groupId;

    ConsumptionProgress(String bootstrapServers, String groupId) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.groupId = groupId;
    }

    /** Records consumed and checkpointed, or -1 when the broker does not answer within 5 s. */
    long consumed() {
        try {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}

package io.abtest.bench.job;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * How far a streaming run has read, for its progress lines: the offsets its consumer group committed (on each
 * completed checkpoint), summed over the partitions; the benchmark's topics start at offset 0.
 */
final class ConsumedRecords implements AutoCloseable {

    private final Admin admin;
    private final String groupId;

    ConsumedRecords(String bootstrapServers, String groupId) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.groupId = groupId;
    }

    /** Records consumed and checkpointed, or -1 when the broker does not answer within 5 s. */
    long count() {
        try {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS)
                    .values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
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

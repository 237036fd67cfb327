package io.abtest.deploy.fault;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * Paces the job by a broker-side consumer quota ({@code consumer_byte_rate} for the default client id), Kafka's own
 * throttling: the broker delays its fetch responses, so a bounded run over a fixed set of events takes long enough
 * for a fault to land in the middle of it. The events and their order are those of an unpaced run.
 */
final class ConsumerQuota {

    private ConsumerQuota() {}

    static void limit(String bootstrapServers, long bytesPerSecondPerClient) throws Exception {
        ClientQuotaEntity everyClient = new ClientQuotaEntity(Collections.singletonMap(ClientQuotaEntity.CLIENT_ID, null));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(everyClient, List.of(
                    new ClientQuotaAlteration.Op("consumer_byte_rate", (double) bytesPerSecondPerClient)))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }
}

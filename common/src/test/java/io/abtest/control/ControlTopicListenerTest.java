package io.abtest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** The listener's life cycle without a broker; delivery is tested in {@link ControlTopicListenerITCase}. */
class ControlTopicListenerTest {

    @Test
    void startReturnsAndCloseIsPromptWhenNoBrokerAnswers() throws Exception {
        ControlTopicListener listener = new ControlTopicListener(unreachableBroker(), record -> { });
        try {
            long startNanos = System.nanoTime();
            listener.start();
            assertTrue(System.nanoTime() - startNanos < 500_000_000L, "start() must not wait for Kafka");
            Thread.sleep(300);

            long closeNanos = System.nanoTime();
            listener.close();
            long closeMillis = (System.nanoTime() - closeNanos) / 1_000_000;

            assertTrue(closeMillis < 2_000, "close() took " + closeMillis + " ms");
            assertFalse(listener.caughtUp());
            assertEquals(0, listener.recordsApplied());
        } finally {
            listener.close();
        }
    }

    @Test
    void startsOnceAndNotAfterClose() {
        ControlTopicListener started = new ControlTopicListener(unreachableBroker(), record -> { });
        started.start();
        assertThrows(IllegalStateException.class, started::start);
        started.close();

        ControlTopicListener neverStarted = new ControlTopicListener(unreachableBroker(), record -> { });
        neverStarted.close();
        neverStarted.close();
        assertThrows(IllegalStateException.class, neverStarted::start);
    }

    private static Properties unreachableBroker() {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ignored-by-the-listener");
        return properties;
    }
}

package io.abtest.jobs.analysis.rerun;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.junit.jupiter.api.Test;

class AttachedSubmissionTest {

    private static Configuration submission(String target, boolean attached) {
        Configuration config = new Configuration();
        config.set(DeploymentOptions.TARGET, target);
        config.set(DeploymentOptions.ATTACHED, attached);
        return config;
    }

    @Test
    void aDetachedClientOfASessionClusterIsRefused() {
        for (String target : new String[] {"remote", "kubernetes-session", "yarn-session"}) {
            assertThrows(RerunRefused.class, () -> AttachedSubmission.require(submission(target, false)), target);
        }
    }

    @Test
    void anAttachedClientAnApplicationAndALocalRunWaitForTheirJob() {
        assertDoesNotThrow(() -> AttachedSubmission.require(submission("remote", true)));
        // Flink's application entrypoint runs main in the JobManager with execution.target: embedded
        assertDoesNotThrow(() -> AttachedSubmission.require(submission("embedded", false)));
        assertDoesNotThrow(() -> AttachedSubmission.require(submission("local", false)));
        assertDoesNotThrow(() -> AttachedSubmission.require(new Configuration()));
    }
}

package io.abtest.jobs.analysis;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.KeyedStateHandle;

/** What the retained checkpoints under a checkpoint directory hold, read from their {@code _metadata}. */
final class RetainedCheckpoints {

    private RetainedCheckpoints() {}

    /** The managed keyed state handles of every operator subtask in every retained checkpoint under {@code root}. */
    static List<KeyedStateHandle> keyedStateHandles(Path root) throws Exception {
        List<KeyedStateHandle> handles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path metadata : files.filter(f -> f.getFileName().toString().equals("_metadata")).toList()) {
                CheckpointMetadata checkpoint;
                try (InputStream in = Files.newInputStream(metadata)) {
                    checkpoint = Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                            RetainedCheckpoints.class.getClassLoader(), metadata.getParent().toString());
                }
                for (OperatorState operator : checkpoint.getOperatorStates()) {
                    for (OperatorSubtaskState subtask : operator.getStates()) {
                        handles.addAll(subtask.getManagedKeyedState());
                    }
                }
            }
        }
        return handles;
    }
}

package io.abtest.jobs.analysis.validate;

import io.abtest.jobs.analysis.source.InputFiles;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.core.fs.Path;

/**
 * Where a dead letter's {@code seen_at} comes from; each input-stage subtask asks once, when it opens.
 *
 * <ul>
 *   <li>A streaming run: the wall clock, the instant the job rejected the record.
 *   <li>A batch rerun: the latest modification time of the rerun's input files ({@link InputFiles}), the same for
 *       every dead letter of the run. Rerunning unchanged input so writes the same {@code dead_letter/} rows; the
 *       wall clock would make every rerun's rows differ.
 * </ul>
 */
@FunctionalInterface
public interface DeadLetterClock extends Serializable {

    Clock open() throws IOException;

    /** @param clock must be serializable (the JDK's clocks are) */
    static DeadLetterClock wall(Clock clock) {
        return () -> clock;
    }

    /** @param inputs the rerun's input paths (files or folders), any Flink file system */
    static DeadLetterClock inputModified(List<String> inputs) {
        return () -> Clock.fixed(Instant.ofEpochMilli(InputFiles.latestModification(
                inputs.stream().map(Path::new).toList())), ZoneOffset.UTC);
    }
}

package io.abtest.jobs.analysis.rerun;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * What earlier reruns into the same output left beside it: staging folders (a rerun still running, or one whose client
 * was killed before it finished or cleaned up) and replaced folders (a swap interrupted between its two renames: the
 * previous output, with {@code --output} missing). Neither is output. By default a rerun refuses to start while one
 * exists ({@code --leftovers refuse}): deleting a staging folder could break a rerun still writing it, and a
 * replaced folder may be the only copy of the previous output. {@code --leftovers clean} is for a scheduler that runs
 * one rerun per output at a time (a retried Kubernetes Job): staging folders are deleted, the newest replaced folder
 * is moved back when {@code --output} is missing, and the others are deleted. Never under JobManager high availability
 * in application mode: a failover re-runs {@code main} while the recovered job still writes its staging folder.
 */
final class Leftovers {

    private final FileSystem fileSystem;
    private final Path output;
    private final List<Path> staging;
    private final List<Path> replaced;

    private Leftovers(FileSystem fileSystem, Path output, List<Path> staging, List<Path> replaced) {
        this.fileSystem = fileSystem;
        this.output = output;
        this.staging = staging;
        this.replaced = replaced;
    }

    static Leftovers beside(FileSystem fileSystem, Path output) throws IOException {
        Path parent = output.getParent();
        FileStatus[] siblings = fileSystem.exists(parent) ? fileSystem.listStatus(parent) : null;
        List<Path> staging = new ArrayList<>();
        List<Path> replaced = new ArrayList<>();
        String prefix = "." + output.getName();
        for (FileStatus sibling : siblings == null ? new FileStatus[0] : siblings) {
            String name = sibling.getPath().getName();
            if (name.startsWith(prefix + StagedOutput.STAGING)) {
                staging.add(sibling.getPath());
            } else if (name.startsWith(prefix + StagedOutput.REPLACED)) {
                replaced.add(sibling.getPath());
            }
        }
        replaced.sort(Comparator.comparing(Path::getName));
        return new Leftovers(fileSystem, output, staging, replaced);
    }

    /** @throws RerunRefused naming each leftover and what to do with it */
    void refuse() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path folder : staging) {
            problems.add(folder + " is the staging folder of a rerun into " + output + " that is still running, or "
                    + "stopped before it could finish or clean up. Nothing in it was published. If no rerun into "
                    + output + " is running, delete it (or rerun with --leftovers clean)");
        }
        boolean outputMissing = !fileSystem.exists(output);
        for (Path folder : replaced) {
            problems.add(folder + " holds the output a rerun moved aside while replacing " + output + " and stopped "
                    + "before deleting it. " + (outputMissing
                            ? output + " is missing: move it back to " + output + ", then rerun"
                            : "The new output is in place: delete it")
                    + " (or rerun with --leftovers clean)");
        }
        if (!problems.isEmpty()) {
            throw new RerunRefused("--output: " + String.join("\n--output: ", problems));
        }
    }

    /** Deletes staging folders; puts the newest replaced folder back when the output is missing, deletes the rest. */
    void clean(Consumer<String> said) throws IOException {
        for (Path folder : staging) {
            fileSystem.delete(folder, true);
            said.accept("deleted " + folder + ", the staging folder of an earlier rerun that did not finish");
        }
        List<Path> newestFirst = new ArrayList<>(replaced);
        java.util.Collections.reverse(newestFirst);
        for (Path folder : newestFirst) {
            if (!fileSystem.exists(output) && fileSystem.rename(folder, output)) {
                said.accept("moved " + folder + " back to " + output + ": a rerun stopped while replacing it");
            } else {
                fileSystem.delete(folder, true);
                said.accept("deleted " + folder + ", an output an earlier rerun had replaced");
            }
        }
    }
}

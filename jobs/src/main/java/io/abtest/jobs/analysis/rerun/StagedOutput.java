package io.abtest.jobs.analysis.rerun;

import io.abtest.jobs.analysis.sink.ParquetDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A batch rerun's output, written where readers do not look and moved into place only when complete.
 *
 * <p>The job writes into {@code <parent>/.<name>.staging-<run id>}, a hidden sibling of {@code --output} on the
 * same file system, so moving it is a rename. Readers of {@code --output} never see it; nor do readers of the
 * parent that skip names starting with {@code .} (pyarrow's datasets, Flink's file source), but DuckDB's
 * {@code parent/**}{@code /*.parquet} glob does descend into it. {@link #publish()} then moves an existing
 * output aside to {@code .<name>.replaced-<run id>}, renames the staging folder to {@code --output} and deletes the
 * replaced one; {@link #discard()} deletes the staging folder and leaves {@code --output} as it was.
 *
 * <p>What a reader of {@code --output} sees: where the file system renames a folder atomically (local disks, HDFS),
 * the old complete output, then, for the instant between the two renames, no folder, then the new complete output;
 * never a mix. Object stores (S3) have no folders: a "rename" copies each object and deletes the original, so during
 * the move a reader may see part of the old files, none, or part of the new ones.
 *
 * <p>A staging or replaced folder found by {@link #prepare} belongs to a rerun into the same output that is still
 * running or stopped without cleaning up (its client was killed): see {@link Leftovers}.
 */
public final class StagedOutput {

    static final String STAGING = ".staging-";
    static final String REPLACED = ".replaced-";

    private final FileSystem fileSystem;
    private final Path output;
    private final Path staging;
    private final Path replaced;

    private StagedOutput(FileSystem fileSystem, Path output, Path staging, Path replaced) {
        this.fileSystem = fileSystem;
        this.output = output;
        this.staging = staging;
        this.replaced = replaced;
    }

    /** As {@link #prepare(Path, String, boolean, Consumer)}, refusing leftovers. */
    public static StagedOutput prepare(Path output, String runId) throws IOException {
        return prepare(output, runId, false, said -> {});
    }

    /**
     * Checks {@code output} can be replaced and creates the staging folder.
     *
     * @param cleanLeftovers clean up what earlier reruns into {@code output} left beside it ({@link Leftovers}),
     *     telling {@code said} each step; otherwise refuse to start while there is any
     * @throws RerunRefused naming {@code --output} when it is a file system's root, a file, a folder holding anything
     *     but the job's datasets, or when an earlier rerun's staging or replaced folder is beside it and
     *     {@code cleanLeftovers} is false
     */
    public static StagedOutput prepare(Path output, String runId, boolean cleanLeftovers, Consumer<String> said)
            throws IOException {
        FileSystem fileSystem = output.getFileSystem();
        Path qualified = output.makeQualified(fileSystem);
        Path parent = qualified.getParent();
        if (parent == null || qualified.getName().isEmpty()) {
            throw new RerunRefused("--output: " + output + " is the root of its file system; give a folder below it");
        }
        String name = qualified.getName();
        Leftovers leftovers = Leftovers.beside(fileSystem, qualified);
        if (cleanLeftovers) {
            leftovers.clean(said);
        } else {
            leftovers.refuse();
        }
        refuseForeignContents(fileSystem, qualified);
        Path staging = new Path(parent, "." + name + STAGING + runId);
        if (!fileSystem.mkdirs(staging)) {
            throw new IOException("could not create the staging folder " + staging);
        }
        return new StagedOutput(fileSystem, qualified, staging, new Path(parent, "." + name + REPLACED + runId));
    }

    /** Where the job writes its datasets. */
    public Path staging() {
        return staging;
    }

    /** {@code --output}, qualified with its file system's scheme and authority. */
    public Path output() {
        return output;
    }

    /** Moves the staging folder into place; a previous output is replaced. */
    public void publish() throws IOException {
        boolean existed = fileSystem.exists(output);
        if (existed && !rename(output, replaced)) {
            throw new IOException("could not move the previous output " + output + " aside to " + replaced
                    + "; it is untouched, and the new output is complete in " + staging);
        }
        if (!rename(staging, output)) {
            if (existed && !rename(replaced, output)) {
                throw new IOException("could not rename " + staging + " to " + output + ", nor move the previous "
                        + "output back from " + replaced + ": the new output is complete in " + staging
                        + ", the previous one in " + replaced);
            }
            throw new IOException("could not rename " + staging + " to " + output + "; " + output
                    + (existed ? " is as it was" : " does not exist") + ", the new output is complete in " + staging);
        }
        if (existed) {
            fileSystem.delete(replaced, true);
        }
    }

    /** Deletes the staging folder: the rerun failed or was cancelled, and {@code --output} stays as it was. */
    public void discard() throws IOException {
        fileSystem.delete(staging, true);
    }

    private boolean rename(Path from, Path to) throws IOException {
        try {
            return fileSystem.rename(from, to);
        } catch (IOException e) {
            return false;
        }
    }

    /** A folder holding anything but the datasets is not an output of this job: never replaced (nor deleted). */
    private static void refuseForeignContents(FileSystem fileSystem, Path output) throws IOException {
        if (!fileSystem.exists(output)) {
            return;
        }
        if (!fileSystem.getFileStatus(output).isDir()) {
            throw new RerunRefused("--output: " + output + " is a file, not an output folder");
        }
        Set<String> datasets = ParquetDataset.all().stream().map(ParquetDataset::name).collect(Collectors.toSet());
        FileStatus[] children = fileSystem.listStatus(output);
        List<String> foreign = new ArrayList<>();
        for (FileStatus child : children == null ? new FileStatus[0] : children) {
            if (!(child.isDir() && datasets.contains(child.getPath().getName()))) {
                foreign.add(child.getPath().getName());
            }
        }
        if (!foreign.isEmpty()) {
            throw new RerunRefused("--output: " + output + " holds " + String.join(", ", foreign) + ", which "
                    + (foreign.size() == 1 ? "is not one" : "are not") + " of the job's datasets ("
                    + String.join(", ", datasets.stream().sorted().toList()) + "). A rerun replaces its whole "
                    + "--output folder, so it must be new, empty, or an earlier run's output");
        }
    }
}

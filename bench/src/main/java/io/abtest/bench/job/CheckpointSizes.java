package io.abtest.bench.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * The size on disk of each completed checkpoint of a streaming run, read from its checkpoint directory
 * ({@code DIR/JOB_ID/chk-N/}) while the job runs: Flink keeps only the latest one, so each is measured when it
 * appears. A checkpoint is complete once its {@code _metadata} file exists (written last); its size is every file
 * of its folder. With the job's default state backend (HashMap, full snapshots) that is the whole keyed and operator
 * state; small state is inlined in {@code _metadata}.
 */
final class CheckpointSizes implements AutoCloseable {

    private final Path directory;
    private final Map<Integer, Long> sizes = new ConcurrentSkipListMap<>();
    private final Thread watcher;
    private volatile boolean stopped;

    private CheckpointSizes(Path directory) {
        this.directory = directory;
        this.watcher = new Thread(this::watch, "checkpoint-sizes");
        watcher.setDaemon(true);
    }

    static CheckpointSizes watch(Path directory) {
        CheckpointSizes sizes = new CheckpointSizes(directory);
        sizes.watcher.start();
        return sizes;
    }

    int completed() {
        return sizes.size();
    }

    /** The largest completed checkpoint, in bytes, or 0. */
    long largest() {
        return sizes.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /**
     * The last completed checkpoint, in bytes, or 0. For a bounded run that is usually the one taken after the
     * sources finished, when finished operators hold no state any more: {@link #largest()} is the state at its peak.
     */
    long last() {
        return sizes.isEmpty() ? 0 : ((ConcurrentSkipListMap<Integer, Long>) sizes).lastEntry().getValue();
    }

    private void watch() {
        while (!stopped) {
            scan();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void scan() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> jobs = Files.list(directory)) {
            for (Path job : jobs.toList()) {
                try (Stream<Path> checkpoints = Files.list(job)) {
                    for (Path checkpoint : checkpoints.toList()) {
                        String name = checkpoint.getFileName().toString();
                        if (name.startsWith("chk-") && Files.exists(checkpoint.resolve("_metadata"))) {
                            sizes.computeIfAbsent(Integer.parseInt(name.substring(4)), n -> size(checkpoint));
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a checkpoint subsumed and deleted while listed: the next scan sees the folder as it is
        }
    }

    private static long size(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stopped = true;
        watcher.interrupt();
        scan();
    }
}

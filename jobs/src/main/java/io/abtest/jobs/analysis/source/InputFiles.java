package io.abtest.jobs.analysis.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.file.src.enumerate.DefaultFileFilter;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The files a batch input path stands for, as Flink's file source enumerates them: the path itself when it is a
 * file, otherwise every file below it, recursively, skipping names the source's {@link DefaultFileFilter} skips
 * (starting with {@code .} or {@code _}). Through Flink's {@link FileSystem}, so it lists any scheme the job reads.
 */
public final class InputFiles {

    private InputFiles() {}

    /** @return the files, empty for an empty folder; null when {@code root} does not exist */
    public static List<FileStatus> of(Path root) throws IOException {
        FileSystem fileSystem = root.getFileSystem();
        if (!fileSystem.exists(root)) {
            return null;
        }
        FileStatus status = fileSystem.getFileStatus(root);
        List<FileStatus> files = new ArrayList<>();
        if (status.isDir()) {
            collect(fileSystem, root, new DefaultFileFilter(), files);
        } else {
            files.add(status);
        }
        return files;
    }

    /** The latest modification time of the files of {@code roots}, epoch milliseconds; 0 when there are none. */
    public static long latestModification(List<Path> roots) throws IOException {
        long latest = 0;
        for (Path root : roots) {
            List<FileStatus> files = of(root);
            if (files == null) {
                throw new java.io.FileNotFoundException(root + " does not exist");
            }
            for (FileStatus file : files) {
                latest = Math.max(latest, file.getModificationTime());
            }
        }
        return latest;
    }

    private static void collect(FileSystem fileSystem, Path folder, DefaultFileFilter filter, List<FileStatus> files)
            throws IOException {
        FileStatus[] children = fileSystem.listStatus(folder);
        if (children == null) {
            return;
        }
        for (FileStatus child : children) {
            if (!filter.test(child.getPath())) {
                continue;
            }
            if (child.isDir()) {
                collect(fileSystem, child.getPath(), filter, files);
            } else {
                files.add(child);
            }
        }
    }
}

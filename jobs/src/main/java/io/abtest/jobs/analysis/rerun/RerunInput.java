package io.abtest.jobs.analysis.rerun;

import io.abtest.jobs.analysis.source.InputFiles;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

/**
 * A batch rerun's input must hold files: a missing path, or a folder with none (an upstream partition that has not
 * landed), would otherwise finish "successfully" with empty datasets in place of the day's results.
 */
final class RerunInput {

    private RerunInput() {}

    /** @param argument {@code --predictions} or {@code --outcomes}, for the message */
    static void requireFiles(String argument, String path) throws IOException {
        List<FileStatus> files = InputFiles.of(new Path(path));
        if (files == null) {
            throw new RerunRefused(argument + ": " + path + " does not exist");
        }
        if (files.isEmpty()) {
            throw new RerunRefused(argument + ": " + path + " holds no input files (names starting with . or _ are "
                    + "skipped, as Flink's file source skips them): nothing to rerun. For a day that truly has no "
                    + "such events, give an empty file");
        }
    }
}

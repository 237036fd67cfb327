package io.abtest.bench.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a Flight Recorder profile of a run (Java 17's {@code jfr} has no {@code view hot-methods}): the methods
 * most often on top of the stack in {@code jdk.ExecutionSample} events (where the CPU time goes), and the project's
 * methods ({@code io.abtest}) most often the nearest project frame below the top (which of the job's operators the
 * time is spent for), and the sampled threads (Flink names a task's thread after its chain of operators; subtasks
 * are counted together).
 *
 * <p>{@code java -cp bench/target/job-bench.jar io.abtest.bench.job.JfrTopFrames FILE.jfr [TOP]} (TOP default 15).
 */
public final class JfrTopFrames {

    /** A task thread's subtask and attempt, {@code " (1/2)#0"}, and a pool thread's number. */
    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)#\\d+$|-\\d+$");

    private JfrTopFrames() {}

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> projectFrames = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            topFrames.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("io.abtest.")).findFirst()
                    .ifPresent(f -> projectFrames.merge(name(f), 1, Integer::sum));
            RecordedThread thread = event.getThread("sampledThread");
            threads.merge(thread == null ? "unknown" : SUBTASK.matcher(String.valueOf(thread.getJavaName()))
                    .replaceAll(""), 1, Integer::sum);
        }
        System.out.printf("%s: %d execution samples%n%nTop frames (self time):%n", args[0], samples);
        print(topFrames, samples, top);
        System.out.printf("%nNearest io.abtest frame (time spent on behalf of the project's code, inclusive):%n");
        print(projectFrames, samples, top);
        System.out.printf("%nThreads:%n");
        print(threads, samples, top);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / samples, e.getValue(),
                        e.getKey()));
    }
}

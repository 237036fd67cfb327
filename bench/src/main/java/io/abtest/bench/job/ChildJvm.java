package io.abtest.bench.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a measured run as a JVM of its own, on this JVM's Java and classpath, so that its memory is its own: the
 * peak resident set size is the kernel's high-water mark of that process ({@code VmHWM} of
 * {@code /proc/PID/status}, read every 100 ms until it exits: heap, metaspace, thread stacks, direct and native
 * memory such as DuckDB's), and its CPU time is its own (on a shared machine, the rate per CPU second is steadier than
 * the rate per wall-clock second). Its output goes to {@code log} and, prefixed with the run's name, to {@code out}.
 */
final class ChildJvm {

    /**
     * @param peakRssBytes the process's peak resident set size, -1 where there is no {@code /proc}
     * @param cpuMillis the CPU time of all its threads (user and system: the run, its JIT compiler and garbage
     *     collector), as last seen before it exited (at most 100 ms short); -1 when unknown
     */
    record Finished(int exitCode, long peakRssBytes, long cpuMillis) {}

    private ChildJvm() {}

    static Finished run(String name, List<String> jvmOptions, Class<?> main, List<String> args, Path log,
            PrintStream out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Files.writeString(log, String.join(" ", command) + "\n");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread copier = new Thread(() -> copy(process, name, log, out), "output of " + name);
        copier.start();
        long peakRss = -1;
        long cpuMillis = -1;
        while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
            peakRss = Math.max(peakRss, peakRss(process.pid()));
            cpuMillis = Math.max(cpuMillis, process.info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L));
        }
        copier.join();
        return new Finished(process.exitValue(), peakRss, cpuMillis);
    }

    private static void copy(Process process, String name, Path log, PrintStream out) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND))) {
            String line;
            while ((line = lines.readLine()) != null) {
                file.println(line);
                out.println("    [" + name + "] " + line);
            }
        } catch (IOException e) {
            out.println("    [" + name + "] output lost: " + e);
        }
    }

    /** The process's peak resident set size so far, in bytes, or -1 where there is no {@code /proc}. */
    private static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just exited
        }
        return -1;
    }
}

package io.abtest.jobs.analysis.operational;

/**
 * One subtask's counts and latency histogram of one key, variant and window, before the keyed operator merges the
 * subtasks' partials ({@link CombineWindows}). Serialized by {@link PartialWindowSerializer}.
 *
 * @param key what the merging operator is keyed by
 * @param variant the variant counted
 * @param lengthMillis the window's length
 * @param end the window's exclusive end, epoch milliseconds
 * @param window the counts; mutable until the partial is emitted
 */
public record PartialWindow(String key, String variant, long lengthMillis, long end, OperationalWindow window) {}

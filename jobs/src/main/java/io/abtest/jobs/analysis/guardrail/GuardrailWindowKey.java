package io.abtest.jobs.analysis.guardrail;

/**
 * Where {@link GuardrailWindows} keeps one variant's counts: a guardrail window length, the end of one of its
 * epoch-aligned windows, and the variant. Kept in keyed state by {@link GuardrailWindowKeySerializer}.
 *
 * @param lengthMillis the window length of one or more guardrails
 * @param end the window's exclusive end, epoch milliseconds, a multiple of the length
 * @param variant the variant served
 */
public record GuardrailWindowKey(long lengthMillis, long end, String variant) {

    public long start() {
        return end - lengthMillis;
    }
}

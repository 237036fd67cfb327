package io.abtest.shadow;

/**
 * A snapshot of a {@link ShadowRunner}'s counters, taken by {@link ShadowRunner#stats()}.
 *
 * <p>Every {@code predict} call lands in exactly one of {@code submitted}, {@code sampledOut},
 * {@code dropped} and {@code championErrors}, so their sum is the number of requests. Each submitted
 * shadow call ends in exactly one of {@code completedOk}, {@code errors} and {@code timeouts}, unless
 * {@link ShadowRunner#close()} discarded it while it was still queued; those are also counted in
 * {@code dropped}.
 *
 * @param submitted shadow calls accepted by the challenger executor
 * @param sampledOut requests whose request id the sampling rate excluded from the shadow call
 * @param dropped sampled requests whose shadow call never ran: the queue was full, the runner was
 *     closed, or {@code close()} discarded it from the queue
 * @param completedOk challenger calls that returned within the timeout (event status {@code ok})
 * @param errors challenger calls that threw, or whose output the output function could not read
 *     (event status {@code error})
 * @param timeouts challenger calls still running at the timeout (event status {@code timeout})
 * @param sinkFailures events the sink threw on; the event is lost, the caller is not affected
 * @param championErrors requests whose champion threw; the exception went back to the caller
 * @param outputFailures champion answers the output function threw on; the answer was returned and
 *     its event recorded without score and label
 */
public record ShadowStats(
        long submitted,
        long sampledOut,
        long dropped,
        long completedOk,
        long errors,
        long timeouts,
        long sinkFailures,
        long championErrors,
        long outputFailures) {
}

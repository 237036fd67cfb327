package io.abtest.jobs.analysis.rerun;

/**
 * A batch rerun that must not start: its message names the argument at fault and what to do. The job exits with
 * code 2 and touches nothing.
 */
public final class RerunRefused extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RerunRefused(String message) {
        super(message);
    }
}

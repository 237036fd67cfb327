package io.abtest.stats.decision;

/** The decision CONTRACT.md section 2 fixes for {@code decisions/}. */
public enum Verdict { ROLLOUT, RAMP_UP, KEEP_CHAMPION, STOP, EXTEND, INCONCLUSIVE }

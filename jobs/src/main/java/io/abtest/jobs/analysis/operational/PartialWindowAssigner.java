package io.abtest.jobs.analysis.operational;

import java.io.Serializable;

/** Where {@link CombineWindows} counts one element: in zero or more windows, each asked of {@link Slots}. */
@FunctionalInterface
public interface PartialWindowAssigner<IN> extends Serializable {

    /** The windows of one subtask being combined. */
    interface Slots {
        /** The subtask's partial window of this key, variant and window, created empty when new. */
        OperationalWindow window(String key, String variant, long lengthMillis, long end);
    }

    void assign(IN element, Slots slots);
}

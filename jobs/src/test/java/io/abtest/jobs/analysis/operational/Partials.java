package io.abtest.jobs.analysis.operational;

import java.util.ArrayList;
import java.util.List;

/** Test input of the operators behind a {@link CombineWindows}: one element as the partials it makes on its own. */
public final class Partials {

    private Partials() {}

    public static <T> List<PartialWindow> of(PartialWindowAssigner<T> assigner, T element) {
        List<PartialWindow> partials = new ArrayList<>();
        assigner.assign(element, (key, variant, length, end) -> {
            OperationalWindow window = new OperationalWindow();
            partials.add(new PartialWindow(key, variant, length, end, window));
            return window;
        });
        return partials;
    }
}

package io.abtest.shadow;

import java.util.function.Function;

/** One side of the comparison: the model function and the names its events carry. */
record VariantModel<I, O>(String variant, String modelVersion, Function<I, O> function) {
}

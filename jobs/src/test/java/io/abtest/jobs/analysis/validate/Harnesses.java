package io.abtest.jobs.analysis.validate;

import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.jobs.analysis.records.ValidEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/** Opened operator test harnesses for the input stage's functions, each reporting its metrics to a capture. */
public final class Harnesses {

    private Harnesses() {}

    public static OneInputStreamOperatorTestHarness<InputRecord, ValidEvent> parseAndValidate(
            ParseAndValidate function, MetricCapture metrics) throws Exception {
        return open(function, metrics);
    }

    public static OneInputStreamOperatorTestHarness<ValidEvent, ValidEvent> dropLate(
            DropLate function, MetricCapture metrics) throws Exception {
        return open(function, metrics);
    }

    public static KeyedOneInputStreamOperatorTestHarness<String, ValidEvent, ValidEvent> deduplicate(
            DeduplicateByEventId function, MetricCapture metrics) throws Exception {
        return keyed(function, ValidEvent::eventId, metrics);
    }

    /** A keyed harness for a function over {@link ValidEvent}s keyed by a string field. */
    public static <O> KeyedOneInputStreamOperatorTestHarness<String, ValidEvent, O> keyed(
            KeyedProcessFunction<String, ValidEvent, O> function, KeySelector<ValidEvent, String> key,
            MetricCapture metrics) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ValidEvent, O> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function), key, Types.STRING, metrics.environment());
        KryoFallback.refuse(harness.getExecutionConfig());
        harness.open();
        return harness;
    }

    private static <I, O> OneInputStreamOperatorTestHarness<I, O> open(ProcessFunction<I, O> function,
            MetricCapture metrics) throws Exception {
        OneInputStreamOperatorTestHarness<I, O> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(function), metrics.environment());
        KryoFallback.refuse(harness.getExecutionConfig());
        harness.open();
        return harness;
    }
}

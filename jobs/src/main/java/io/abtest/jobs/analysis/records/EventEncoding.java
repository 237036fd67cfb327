package io.abtest.jobs.analysis.records;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The binary form of the input events between operators, for the input stage's serializers: fields in contract
 * order, strings as UTF-8 bytes behind a variable-length length (-1 for null; most fields are short ASCII, which the
 * JDK encodes and decodes in bulk), maps as a count then their entries. Written and read by the same code only, so
 * it carries no version of its own: the serializer snapshot that uses it does.
 */
final class EventEncoding {

    private static final PredictionStatus[] STATUSES = PredictionStatus.values();

    private EventEncoding() {}

    static void writePrediction(PredictionEvent event, DataOutput out) throws IOException {
        writeString(event.eventId(), out);
        writeString(event.experimentId(), out);
        writeString(event.variant(), out);
        writeString(event.unitId(), out);
        writeString(event.requestId(), out);
        out.writeLong(event.eventTime());
        writeString(event.modelVersion(), out);
        out.writeDouble(event.latencyMs());
        out.writeByte(event.status() == null ? -1 : event.status().ordinal());
        out.writeBoolean(event.score() != null);
        if (event.score() != null) {
            out.writeDouble(event.score());
        }
        writeString(event.predictedLabel(), out);
        out.writeBoolean(event.served());
        writeLength(event.attributes().size(), out);
        for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
            writeString(attribute.getKey(), out);
            writeString(attribute.getValue(), out);
        }
    }

    static PredictionEvent readPrediction(DataInput in) throws IOException {
        String eventId = readString(in);
        String experimentId = readString(in);
        String variant = readString(in);
        String unitId = readString(in);
        String requestId = readString(in);
        long eventTime = in.readLong();
        String modelVersion = readString(in);
        double latencyMs = in.readDouble();
        byte status = in.readByte();
        Double score = in.readBoolean() ? in.readDouble() : null;
        String predictedLabel = readString(in);
        boolean served = in.readBoolean();
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] attributes = new Map.Entry[readLength(in)];
        for (int i = 0; i < attributes.length; i++) {
            attributes[i] = Map.entry(readString(in), readString(in));
        }
        return new PredictionEvent(eventId, experimentId, variant, unitId, requestId, eventTime, modelVersion,
                latencyMs, status < 0 ? null : STATUSES[status], score, predictedLabel, served,
                Map.ofEntries(attributes));
    }

    static void writeOutcome(OutcomeEvent event, DataOutput out) throws IOException {
        writeString(event.eventId(), out);
        writeString(event.requestId(), out);
        writeString(event.unitId(), out);
        out.writeLong(event.eventTime());
        writeString(event.experimentId(), out);
        writeString(event.label(), out);
        writeLength(event.values().size(), out);
        for (Map.Entry<String, Double> value : event.values().entrySet()) {
            writeString(value.getKey(), out);
            out.writeDouble(value.getValue());
        }
    }

    static OutcomeEvent readOutcome(DataInput in) throws IOException {
        String eventId = readString(in);
        String requestId = readString(in);
        String unitId = readString(in);
        long eventTime = in.readLong();
        String experimentId = readString(in);
        String label = readString(in);
        @SuppressWarnings("unchecked")
        Map.Entry<String, Double>[] values = new Map.Entry[readLength(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = Map.entry(readString(in), in.readDouble());
        }
        return new OutcomeEvent(eventId, requestId, unitId, eventTime, experimentId, label, Map.ofEntries(values));
    }

    static void writeString(String value, DataOutput out) throws IOException {
        if (value == null) {
            writeLength(-1, out);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeLength(bytes.length, out);
        out.write(bytes);
    }

    static String readString(DataInput in) throws IOException {
        int length = readLength(in);
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A length >= -1 as an unsigned varint of length + 1: one byte up to 126. */
    private static void writeLength(int length, DataOutput out) throws IOException {
        int value = length + 1;
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private static int readLength(DataInput in) throws IOException {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value - 1;
            }
        }
    }
}

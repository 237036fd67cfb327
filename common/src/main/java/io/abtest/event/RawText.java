package io.abtest.event;

/**
 * The raw text of a rejected record as the dead-letter output keeps it: at most a fixed number of UTF-16 chars, so a
 * huge or hostile record cannot blow up the dead-letter dataset, yet enough to see what was sent.
 *
 * <p>Truncation never splits a surrogate pair: when the limit falls between the two halves of one, the high half is
 * dropped too, so the kept text is {@code maxChars - 1} chars long and still valid UTF-16 wherever the input was.
 *
 * @param text the kept prefix of the raw text; "" for null raw text
 * @param truncated true when chars were cut off
 */
public record RawText(String text, boolean truncated) {

    public RawText {
        text = text == null ? "" : text;
    }

    /**
     * The prefix of {@code raw} of at most {@code maxChars} chars.
     *
     * @throws IllegalArgumentException when {@code maxChars} is negative (a configuration error, not bad input)
     */
    public static RawText of(String raw, int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be >= 0, was " + maxChars);
        }
        if (raw == null) {
            return new RawText("", false);
        }
        if (raw.length() <= maxChars) {
            return new RawText(raw, false);
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(raw.charAt(end - 1)) && Character.isLowSurrogate(raw.charAt(end))) {
            end--;
        }
        return new RawText(raw.substring(0, end), true);
    }
}

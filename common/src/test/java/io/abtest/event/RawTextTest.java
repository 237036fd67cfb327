package io.abtest.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RawTextTest {

    /** U+1F600 (grinning face): one code point, two UTF-16 chars. */
    private static final String PAIR = "\uD83D\uDE00";

    @Test
    void keepsTextUpToTheLimitWhole() {
        assertEquals(new RawText("abcd", false), RawText.of("abcd", 4));
        assertEquals(new RawText("", false), RawText.of("", 0));
    }

    @Test
    void cutsTextLongerThanTheLimit() {
        assertEquals(new RawText("abc", true), RawText.of("abcd", 3));
        assertEquals(new RawText("", true), RawText.of("a", 0));
    }

    @Test
    void neverSplitsASurrogatePairAtTheBoundary() {
        // "ab" + pair: the limit 3 falls between the pair's halves, so the whole pair goes.
        RawText cut = RawText.of("ab" + PAIR + "c", 3);
        assertEquals("ab", cut.text());
        assertTrue(cut.truncated());

        assertEquals(new RawText("ab" + PAIR, true), RawText.of("ab" + PAIR + "c", 4));
        assertEquals(new RawText("a", true), RawText.of("a" + PAIR, 2));
        assertEquals(new RawText("", true), RawText.of(PAIR, 1));
        assertEquals(new RawText(PAIR, false), RawText.of(PAIR, 2));
    }

    @Test
    void cutsAtTheLimitWhenTheCharThereIsALoneSurrogate() {
        // A high surrogate not followed by a low one is no pair: nothing to keep together.
        assertEquals(new RawText("a\uD83D", true), RawText.of("a\uD83Dx", 2));
    }

    @Test
    void nullBecomesEmpty() {
        RawText raw = RawText.of(null, 10);
        assertEquals("", raw.text());
        assertFalse(raw.truncated());
    }

    @Test
    void rejectsANegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> RawText.of("a", -1));
    }
}

package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.openhft.hashing.LongHashFunction;
import org.junit.jupiter.api.Test;

class UnitHashTest {

    /** The documented recipe hashes UTF-16LE bytes: what another language must feed its XXH3. */
    @Test
    void hashingCharsEqualsHashingUtf16LittleEndianBytes() {
        for (String unit : new String[] {"", "u", "user-42", "ünït-✓-😀", "x".repeat(1000)}) {
            assertEquals(
                    LongHashFunction.xx3(7).hashBytes(unit.getBytes(StandardCharsets.UTF_16LE)),
                    LongHashFunction.xx3(7).hashChars(unit),
                    unit);
        }
    }

    @Test
    void positionsLieInTheUnitInterval() {
        UnitHash hash = new UnitHash("salt");
        for (int i = 0; i < 100_000; i++) {
            double p = hash.position("unit-" + i);
            assertTrue(p >= 0 && p < 1, "position " + p);
        }
    }

    @Test
    void theSaltChangesPositions() {
        assertTrue(new UnitHash("a").position("unit-1") != new UnitHash("b").position("unit-1"));
    }
}

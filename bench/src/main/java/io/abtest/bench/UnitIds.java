package io.abtest.bench;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Distinct unit ids of one length, the same on every run: 36 characters is a UUID (the common case), other lengths
 * are lowercase hex digits (an 8-character short id, a 64-character SHA-256 hex digest).
 */
final class UnitIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private UnitIds() {}

    static String[] of(int length, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = length == 36 ? new UUID(random.nextLong(), random.nextLong()).toString() : hex(length, random);
        }
        return ids;
    }

    private static String hex(int length, SplittableRandom random) {
        char[] chars = new char[length];
        for (int c = 0; c < length; c++) {
            chars[c] = HEX[random.nextInt(HEX.length)];
        }
        return new String(chars);
    }
}

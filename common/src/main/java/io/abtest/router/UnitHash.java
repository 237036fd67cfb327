package io.abtest.router;

import net.openhft.hashing.LongHashFunction;

/**
 * A unit's position on [0, 1) for one experiment: XXH3-64 of the unit id, seeded with XXH3-64 of the salt.
 *
 * <p>The unit id is hashed as its UTF-16LE code units ({@link LongHashFunction#hashChars}, which is
 * byte-order agnostic and allocates nothing), so any language can recompute an assignment:
 * {@code seed = xxh3_64(salt.encode("utf-16-le"))}, {@code h = xxh3_64(unit.encode("utf-16-le"), seed)},
 * {@code position = (h >>> 11) * 2^-53}.
 */
final class UnitHash {

    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private final LongHashFunction hash;

    UnitHash(String salt) {
        this.hash = LongHashFunction.xx3(LongHashFunction.xx3().hashChars(salt));
    }

    double position(String unitId) {
        return (hash.hashChars(unitId) >>> 11) * TWO_POW_MINUS_53;
    }
}

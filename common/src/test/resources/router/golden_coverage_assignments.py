"""Independent implementation of the router's documented assignment with coverage, for the coverage golden file.

Run: python3 golden_coverage_assignments.py > golden-coverage-assignments.csv
Needs xxhash (pip install xxhash==4.0.1) or, failing that, the C library libxxhash (Debian: libxxhash0), called
through ctypes; both are the reference XXH3, independent of the Java library the router uses.
Recipe (io.abtest.router.ExperimentRouter, UnitHash and SplitLayout javadoc):
  position(salt, unit) = (xxh3_64(unit as UTF-16LE, seed = xxh3_64(salt as UTF-16LE)) >> 11) * 2^-53
  covered iff position(salt + "/coverage", unit) < coverage; an uncovered unit is NOT_IN_EXPERIMENT (written "-")
  a covered unit gets the variant of position(salt, unit) in the lanes, exactly as at coverage 1:
  K challengers; challenger j owns lane [j/K, (j+1)/K) and takes [j/K, j/K + share_j); the control takes the rest.
"""
try:
    import xxhash

    def xxh3(data, seed=0):
        return xxhash.xxh3_64_intdigest(data, seed=seed)

    IMPLEMENTATION = "python xxhash %s" % xxhash.VERSION
except ImportError:
    import ctypes

    _LIB = ctypes.CDLL("libxxhash.so.0")
    _LIB.XXH3_64bits_withSeed.restype = ctypes.c_uint64
    _LIB.XXH3_64bits_withSeed.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint64]
    _LIB.XXH_versionNumber.restype = ctypes.c_uint

    def xxh3(data, seed=0):
        return _LIB.XXH3_64bits_withSeed(data, len(data), seed)

    _V = _LIB.XXH_versionNumber()
    IMPLEMENTATION = "libxxhash %d.%d.%d via ctypes" % (_V // 10000, _V // 100 % 100, _V % 100)

SALT = "golden-salt-2026"
VARIANTS = [("control", 34.0), ("c1", 33.0), ("c2", 33.0)]  # the first is the control
COVERAGES = [0.01, 0.1, 0.5]
UNITS = 10_000


def position(salt, unit):
    seed = xxh3(salt.encode("utf-16-le"))
    h = xxh3(unit.encode("utf-16-le"), seed)
    return (h >> 11) * 2.0 ** -53


def variant(pos):
    total = sum(w for _, w in VARIANTS)
    challengers = VARIANTS[1:]
    k = len(challengers)
    lane = min(int(pos / (1.0 / k)), k - 1)
    name, weight = challengers[lane]
    return name if pos < lane * (1.0 / k) + weight / total else VARIANTS[0][0]


print("# made by golden_coverage_assignments.py (%s): salt=%s weights=%s coverages=%s; '-' = NOT_IN_EXPERIMENT"
      % (IMPLEMENTATION, SALT, VARIANTS, COVERAGES))
print("unit_id,coverage_position,position," + ",".join("variant_at_%s" % c for c in COVERAGES))
for i in range(UNITS):
    unit = "user-%d" % i if i % 7 else "ünït-✓-%d-😀" % i
    c = position(SALT + "/coverage", unit)
    p = position(SALT, unit)
    print("%s,%r,%r,%s" % (unit, c, p, ",".join(variant(p) if c < cov else "-" for cov in COVERAGES)))

"""Independent implementation of the router's documented assignment, for the golden file.

Run: python3 golden_assignments.py > golden-assignments.csv   (needs: pip install xxhash==4.0.1)
Recipe (io.abtest.router.UnitHash and SplitLayout javadoc):
  seed = xxh3_64(salt as UTF-16LE); h = xxh3_64(unit as UTF-16LE, seed); position = (h >> 11) * 2^-53
  K challengers; challenger j owns lane [j/K, (j+1)/K) and takes [j/K, j/K + share_j); the control takes the rest.
"""
import xxhash

SALT = "golden-salt-2026"
VARIANTS = [("control", 34.0), ("c1", 33.0), ("c2", 33.0)]  # the first is the control
UNITS = 10_000


def position(salt, unit):
    seed = xxhash.xxh3_64_intdigest(salt.encode("utf-16-le"))
    h = xxhash.xxh3_64_intdigest(unit.encode("utf-16-le"), seed=seed)
    return (h >> 11) * 2.0 ** -53


def variant(pos):
    total = sum(w for _, w in VARIANTS)
    challengers = VARIANTS[1:]
    k = len(challengers)
    lane = min(int(pos / (1.0 / k)), k - 1)
    name, weight = challengers[lane]
    return name if pos < lane * (1.0 / k) + weight / total else VARIANTS[0][0]


print("# made by golden_assignments.py (python xxhash 4.0.1): salt=%s weights=%s" % (SALT, VARIANTS))
print("unit_id,position,variant")
for i in range(UNITS):
    unit = "user-%d" % i if i % 7 else "ünït-✓-%d-😀" % i
    p = position(SALT, unit)
    print("%s,%r,%s" % (unit, p, variant(p)))

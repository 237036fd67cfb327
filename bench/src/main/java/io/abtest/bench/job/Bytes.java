package io.abtest.bench.job;

import java.util.Locale;

/** Byte counts as people read them: {@code 812 kB}, {@code 1.4 GB} (powers of 1000). */
final class Bytes {

    private Bytes() {}

    static String text(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : value < 10 ? "%.2f %s" : "%.1f %s", value, units[unit]);
    }
}

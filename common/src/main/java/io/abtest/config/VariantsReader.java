package io.abtest.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code variants}: at least two, unique names, exactly one control, weights not all zero. */
final class VariantsReader {

    private static final Set<String> FIELDS = Set.of("name", "weight", "control", "model_version");

    /**
     * @param variants the entries read without a problem
     * @param names every variant name, in file order, for the checks of the sections that name variants; empty
     *     when an entry has no valid name or a name is given twice, so that one bad name does not also make
     *     every reference to it a problem
     */
    record Result(List<Variant> variants, Set<String> names) {}

    private VariantsReader() {}

    static Result read(ConfigNode section) {
        List<ConfigNode> entries = section.elements(2);
        if (entries == null) {
            return new Result(List.of(), Set.of());
        }
        List<Variant> variants = new ArrayList<>();
        Map<String, String> pathByName = new LinkedHashMap<>();
        List<String> controls = new ArrayList<>();
        boolean controlsKnown = true;
        boolean weightsKnown = true;
        boolean namesKnown = true;
        double weightSum = 0;
        for (ConfigNode entry : entries) {
            if (!entry.isMappingOf(FIELDS)) {
                controlsKnown = false;
                weightsKnown = false;
                namesKnown = false;
                continue;
            }
            ConfigNode nameNode = entry.field("name");
            String name = nameNode.text(ValueRule.NAME);
            Double weight = entry.field("weight").number(ValueRule.atLeast(0));
            Boolean control = entry.field("control").bool(false);
            String modelVersion = entry.field("model_version").optionalText(ValueRule.NON_EMPTY);
            namesKnown &= name != null;
            if (name != null) {
                String earlier = pathByName.putIfAbsent(name, nameNode.path());
                if (earlier != null) {
                    nameNode.report("duplicate variant name \"" + name + "\" (also " + earlier + ")");
                    namesKnown = false;
                }
            }
            controlsKnown &= control != null;
            if (Boolean.TRUE.equals(control)) {
                controls.add(entry.path());
            }
            weightsKnown &= weight != null;
            if (weight != null) {
                weightSum += weight;
            }
            if (name != null && weight != null && control != null) {
                variants.add(new Variant(name, weight, control, modelVersion));
            }
        }
        if (controlsKnown && !entries.isEmpty() && controls.size() != 1) {
            section.report("exactly one variant must have control: true, found "
                    + (controls.isEmpty() ? "none" : controls.size() + " (" + String.join(", ", controls) + ")"));
        }
        if (weightsKnown && !entries.isEmpty() && weightSum == 0) {
            section.report("weights must not all be 0");
        }
        return new Result(variants, namesKnown ? new LinkedHashSet<>(pathByName.keySet()) : Set.of());
    }
}

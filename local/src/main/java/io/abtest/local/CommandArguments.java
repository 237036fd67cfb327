package io.abtest.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments, {@code --name value} each, or {@code --flag} alone: the values by name, the flags given, and
 * every argument that is unknown or misses its value, in words naming it.
 *
 * @param values the last value given per name
 * @param flags the flags given, without the dashes
 * @param problems "--x: unknown argument", "--x: missing value"
 * @param repeated names given more than once, with the dashes (a command decides whether that is a problem)
 */
record CommandArguments(Map<String, String> values, Set<String> flags, List<String> problems, List<String> repeated) {

    static CommandArguments parse(List<String> args, Set<String> valued, Set<String> flagNames) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> problems = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name != null && flagNames.contains(name)) {
                flags.add(name);
            } else if (name == null || !valued.contains(name)) {
                problems.add(arg + ": unknown argument");
            } else if (i + 1 >= args.size()) {
                problems.add(arg + ": missing value");
            } else if (values.put(name, args.get(++i)) != null) {
                repeated.add(arg);
            }
        }
        return new CommandArguments(values, flags, problems, repeated);
    }
}

package io.abtest.jobs.synthetic;

/**
 * One {@code --name VALUE} option of the CLI, with what {@code --help} prints for it.
 *
 * @param name without the leading dashes
 * @param argument how the value is spelled in the help, e.g. {@code N} or {@code VARIANT=LIFT}
 * @param defaultValue shown as the default; "none" when there is none
 * @param help one line
 * @param setter applies the value text; throws {@link BadOptionException} naming the option on a bad value
 */
record CliOption(String name, String argument, String defaultValue, String help, Setter setter) {

    @FunctionalInterface
    interface Setter {
        void apply(TrafficCommandParser.State state, String value) throws BadOptionException;
    }
}

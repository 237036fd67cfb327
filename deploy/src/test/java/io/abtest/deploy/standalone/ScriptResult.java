package io.abtest.deploy.standalone;

/** What a deploy/standalone script did: its exit code and its output (stdout and stderr, interleaved). */
public record ScriptResult(String script, int exitCode, String output) {

    /** This result, or an {@link IllegalStateException} with the output when the script exited with another code. */
    public ScriptResult requireSuccess() {
        if (exitCode != 0) {
            throw new IllegalStateException(script + " exited with " + exitCode + ":\n" + output);
        }
        return this;
    }
}

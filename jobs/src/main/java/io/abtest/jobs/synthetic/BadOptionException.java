package io.abtest.jobs.synthetic;

/** A command-line argument the CLI cannot use; the message names the option and what it expects. */
final class BadOptionException extends Exception {

    private static final long serialVersionUID = 1L;

    BadOptionException(String message) {
        super(message);
    }
}

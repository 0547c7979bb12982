package dev.funnelstreams.cli;

/**
 * The exit codes of the {@code funnel} commands and the lines that list them in each command's
 * {@code --help} (README.md, "Exit codes and logging", has the table).
 */
final class ExitCodes {

    static final int DONE = 0;
    /** Done, but some input was rejected (each named on stderr). */
    static final int REJECTED = 1;
    /** The work failed: the app stopped with an error, an output could not be written. */
    static final int FAILED = 1;
    /** picocli's usage error; also a config or input file that cannot be read or is invalid. */
    static final int USAGE = 2;
    /** The Kafka broker or the schema registry cannot be reached; the one-line message names the address. */
    static final int UNREACHABLE = 3;

    static final String HEADING = "%nExit codes:%n";
    static final String USAGE_LINE = "2:usage error: unknown, missing or bad option; config or input file unreadable"
            + " or invalid";
    static final String UNREACHABLE_LINE = "3:cannot reach the Kafka broker or the schema registry (the message"
            + " names the address tried)";
    static final String CTRL_C_LINE = "130:stopped with Ctrl-C (143: SIGTERM)";

    private ExitCodes() {
    }
}

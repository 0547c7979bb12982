package dev.funnelstreams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "validate-config", description = "Not implemented yet.")
public final class ValidateConfigCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("funnel validate-config: not implemented yet");
        return 1;
    }
}

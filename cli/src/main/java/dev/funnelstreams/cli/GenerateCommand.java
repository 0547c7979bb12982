package dev.funnelstreams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "generate", description = "Not implemented yet.")
public final class GenerateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("funnel generate: not implemented yet");
        return 1;
    }
}

package dev.funnelstreams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, replaced by the real command. */
@Command(name = "report", description = "Not implemented yet.")
public final class ReportCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("funnel report: not implemented yet");
        return 1;
    }
}

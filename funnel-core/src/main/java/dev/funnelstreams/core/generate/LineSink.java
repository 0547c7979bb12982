package dev.funnelstreams.core.generate;

import java.io.IOException;

/** Where generated lines go, one canonical JSON object per call (without the line break). */
@FunctionalInterface
public interface LineSink {

    void accept(String line) throws IOException;
}

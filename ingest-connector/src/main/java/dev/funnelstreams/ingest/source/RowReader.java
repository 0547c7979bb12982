package dev.funnelstreams.ingest.source;

import java.io.Closeable;
import java.io.IOException;

/** Reads the records of one input file in order; blank lines are not records. */
public interface RowReader extends Closeable {

    /** The next record, or null at the end of the file. */
    SourceRow next() throws IOException;
}

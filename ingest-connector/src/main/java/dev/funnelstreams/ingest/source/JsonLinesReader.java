package dev.funnelstreams.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/** One JSON object per line; a line that is not a JSON object comes back malformed, not thrown. */
public final class JsonLinesReader implements RowReader {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final BufferedReader in;
    private long line;

    public JsonLinesReader(Reader in) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    }

    @Override
    public SourceRow next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                return parse(text);
            }
        }
        return null;
    }

    private SourceRow parse(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n instanceof ObjectNode o) {
                return new JsonRow(line, text, o, null);
            }
            return new JsonRow(line, text, null, "malformed JSON line: not a JSON object");
        } catch (JsonProcessingException e) {
            return new JsonRow(line, text, null, "malformed JSON line: " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

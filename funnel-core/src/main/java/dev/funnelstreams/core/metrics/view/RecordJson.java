package dev.funnelstreams.core.metrics.view;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.funnelstreams.core.event.Rfc3339;
import dev.funnelstreams.core.period.Period;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The JSON form of output records (SPEC section 7), shared by the batch files and the HTTP API:
 * field names of the records, instants as ISO-8601 UTC with {@code Z} (a fraction only when
 * non-zero), money as decimal strings, periods as labels, rates as numbers or null.
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("funnel-output")
            .addSerializer(Instant.class, new InstantSerializer())
            .addSerializer(BigDecimal.class, new MoneySerializer())
            .addSerializer(Period.class, new PeriodSerializer()));

    /** Values written into a generator that writes more: no flush after each. */
    private static final ObjectWriter VALUES = MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private RecordJson() {
    }

    /** The configured mapper (thread-safe); use it to render single keys or values. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code {"key":{...},"value":{...}}} on one line: the record's line of {@link #lines}, without the newline. */
    public static String line(OutputRecord record) {
        String line = lines(List.of(record));
        return line.substring(0, line.length() - 1);
    }

    /**
     * {@code {"key":{...},"value":{...}}} of each record, each followed by a newline, through one generator (the
     * batch report writes hundreds of thousands of records; a generator per key and per value showed in its
     * profile).
     */
    public static String lines(List<OutputRecord> records) {
        StringWriter out = new StringWriter(records.size() * 160);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (OutputRecord r : records) {
                g.writeStartObject();
                g.writeFieldName("key");
                VALUES.writeValue(g, r.key());
                g.writeFieldName("value");
                VALUES.writeValue(g, r.value());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One JSON object on one line. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Rfc3339.iso(value));
        }
    }

    private static final class MoneySerializer extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toPlainString());
        }
    }

    private static final class PeriodSerializer extends JsonSerializer<Period> {
        @Override
        public void serialize(Period value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.label());
        }
    }
}

package dev.funnelstreams.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the funnel YAML (keys under a top-level {@code funnel:}) into a validated
 * {@link FunnelConfig}. Every rule of SPEC sections 1 and 8 is checked and every violation
 * reported at once in a {@link ConfigException}; unknown keys are errors so that typos do not pass.
 */
public final class FunnelConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private FunnelConfigLoader() {
    }

    /** Loads and validates a UTF-8 YAML file; an unreadable file is a one-error ConfigException. */
    public static FunnelConfig load(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return parse(text);
    }

    /** Parses and validates YAML text. */
    public static FunnelConfig parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid YAML: " + oneLine(e.getOriginalMessage()) + location(e));
        }
        return new ConfigReader().read(root);
    }

    private static String oneLine(String message) {
        String first = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("syntax error");
        return first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}

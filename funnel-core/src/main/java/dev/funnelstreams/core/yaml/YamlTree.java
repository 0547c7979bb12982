package dev.funnelstreams.core.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnelstreams.core.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a YAML file into a tree, once, for every reader of the project: UTF-8 only, duplicate keys
 * refused, decimals kept exact. A file that cannot be read or parsed is a one-line
 * {@link ConfigException} naming the file and, for a syntax error, the line and column.
 */
public final class YamlTree {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private YamlTree() {
    }

    public static JsonNode read(Path file) {
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
        try {
            return parse(text);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.errors().get(0));
        }
    }

    /** The tree of YAML text; an empty document is a missing node. */
    public static JsonNode parse(String yaml) {
        try {
            JsonNode root = YAML.readTree(yaml);
            return root == null ? MissingNode.getInstance() : root;
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid YAML: " + oneLine(e.getOriginalMessage()) + location(e));
        }
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

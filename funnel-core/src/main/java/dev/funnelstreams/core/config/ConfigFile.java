package dev.funnelstreams.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.yaml.Node;
import dev.funnelstreams.core.yaml.Problems;
import dev.funnelstreams.core.yaml.Suggest;
import dev.funnelstreams.core.yaml.YamlTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's one configuration file: top-level sections ({@code funnel:}, {@code streams:}), each
 * read by the components that need it, and {@code include:} of other files whose sections are added
 * (paths relative to the including file). It is read and parsed once; every command takes the same
 * file and reads its sections, so a key of another section is never an error, while a typo inside a
 * section, or an unknown section, is.
 */
public final class ConfigFile {

    /** The sections a file may hold. */
    public static final List<String> SECTIONS = List.of("funnel", "streams");
    static final String INCLUDE = "include";
    private static final List<String> TOP_LEVEL = List.of("funnel", "streams", INCLUDE);

    private final String name;
    private final Map<String, JsonNode> sections = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> structure = new ArrayList<>();

    private ConfigFile(String name) {
        this.name = name;
    }

    /** Reads a file and the files it includes. Unreadable or unparsable files throw at once. */
    public static ConfigFile load(Path file) {
        ConfigFile c = new ConfigFile(file.toString());
        c.add(YamlTree.read(file), file, "", new HashSet<>(Set.of(file.toAbsolutePath().normalize())));
        return c;
    }

    /** Parses YAML text; an {@code include:} in it is relative to the working directory. */
    public static ConfigFile parse(String yaml) {
        ConfigFile c = new ConfigFile("(text)");
        c.add(YamlTree.parse(yaml), Path.of("(text)"), "", new HashSet<>());
        return c;
    }

    /** The file's name as given (or "(text)"). */
    public String name() {
        return name;
    }

    public boolean has(String section) {
        return sections.containsKey(section);
    }

    /** The sections present, in the order first met. */
    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    /** A section as a path-aware node reporting into {@code problems} (not present when absent). */
    public Node section(String section, Problems problems) {
        return Node.root(sections.get(section), section, problems);
    }

    /** The raw tree of a section, or null. */
    public JsonNode tree(String section) {
        return sections.get(section);
    }

    /** A fresh list of problems holding the file's structural errors (unknown sections, bad includes). */
    public Problems problems() {
        Problems p = new Problems();
        p.addAll(structure);
        return p;
    }

    /** The funnel section, validated; every error of the file's structure and the section at once. */
    public FunnelConfig funnel() {
        Problems p = problems();
        FunnelConfig c = funnel(p);
        p.throwIfAny();
        return c;
    }

    /** The funnel section, or null after adding its errors to {@code problems}. */
    public FunnelConfig funnel(Problems problems) {
        return new ConfigReader(problems).read(sections.get("funnel"));
    }

    private void add(JsonNode root, Path file, String via, Set<Path> seen) {
        if (root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            structure.add(via + "(top level): must be a mapping of sections " + String.join(", ", TOP_LEVEL)
                    + " (got " + Node.show(root) + ")");
            return;
        }
        for (String key : (Iterable<String>) root::fieldNames) {
            if (key.equals(INCLUDE)) {
                continue;
            }
            if (!SECTIONS.contains(key)) {
                structure.add(via + key + ": unknown section (" + Suggest.hint(key, TOP_LEVEL) + "allowed: "
                        + String.join(", ", TOP_LEVEL) + ")");
            } else if (sections.containsKey(key)) {
                structure.add(key + ": in both " + sources.get(key) + " and " + file
                        + " (each section lives in one file)");
            } else {
                sections.put(key, root.get(key));
                sources.put(key, file.toString());
            }
        }
        JsonNode include = root.get(INCLUDE);
        if (include == null || include.isNull()) {
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        if (include.isArray()) {
            include.forEach(items::add);
        } else {
            items.add(include);
        }
        Path dir = file.toAbsolutePath().getParent();
        for (int i = 0; i < items.size(); i++) {
            String at = via + INCLUDE + (include.isArray() ? "[" + i + "]" : "");
            JsonNode item = items.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                structure.add(at + ": must be a file path, or a list of them, relative to " + file
                        + " (got " + Node.show(item) + ")");
                continue;
            }
            Path target = dir.resolve(item.textValue()).normalize();
            if (!seen.add(target)) {
                structure.add(at + ": " + target + " is included twice (or includes itself)");
                continue;
            }
            try {
                add(YamlTree.read(target), target, at + " (" + target + "): ", seen);
            } catch (ConfigException e) {
                structure.add(at + ": " + e.errors().get(0));
            }
        }
    }
}

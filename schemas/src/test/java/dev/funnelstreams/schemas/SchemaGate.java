package dev.funnelstreams.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The release gate for the Avro contract: a schema under {@code src/main/avro} must read every
 * record written with its released copy under {@code src/test/resources/released} (BACKWARD).
 */
final class SchemaGate {

  static final Path MODULE = Path.of(System.getProperty("basedir", "."));
  static final Path CURRENT = MODULE.resolve("src/main/avro");
  static final Path RELEASED = MODULE.resolve("src/test/resources/released");
  static final Path BROKEN = MODULE.resolve("src/test/resources/broken");

  private SchemaGate() {}

  /** The .avsc files below {@code root}, as sorted paths relative to it. */
  static List<Path> schemaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".avsc"))
          .map(root::relativize)
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one self-contained .avsc file; a fresh parser each time, so files cannot lean on each other. */
  static Schema parse(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails unless the schema at {@code currentRoot/relative} can read data written with the
   * released copy at {@code RELEASED/relative}; a missing released copy fails too.
   */
  static void assertReadsReleased(Path currentRoot, Path relative) {
    Path released = RELEASED.resolve(relative);
    assertThat(released)
        .withFailMessage(
            "%s has no released copy: copy it to %s when it is released", relative, released)
        .isRegularFile();
    SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(
                parse(currentRoot.resolve(relative)), parse(released))
            .getResult();
    assertThat(result.getCompatibility())
        .withFailMessage(
            "%s cannot read data written with its released copy: %s",
            relative, describe(result))
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  private static String describe(SchemaCompatibilityResult result) {
    return result.getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
        .collect(Collectors.joining("; "));
  }
}

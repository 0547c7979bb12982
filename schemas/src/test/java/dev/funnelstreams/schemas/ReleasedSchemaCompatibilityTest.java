package dev.funnelstreams.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every schema stays BACKWARD compatible with its released copy; the gate itself catches breaks. */
class ReleasedSchemaCompatibilityTest {

  @TestFactory
  Stream<DynamicTest> everySchemaReadsDataWrittenWithItsReleasedCopy() {
    List<Path> current = SchemaGate.schemaFiles(SchemaGate.CURRENT);
    assertThat(current).isNotEmpty();
    return current.stream()
        .map(p -> DynamicTest.dynamicTest(p.toString(),
            () -> SchemaGate.assertReadsReleased(SchemaGate.CURRENT, p)));
  }

  @Test
  void noReleasedSchemaWasDeleted() {
    assertThat(SchemaGate.schemaFiles(SchemaGate.CURRENT))
        .as("released schemas still present in src/main/avro")
        .containsAll(SchemaGate.schemaFiles(SchemaGate.RELEASED));
  }

  @Test
  void rejectsNewFieldWithoutDefault() {
    Path broken = Path.of("output", "StageFlowValue.avsc");

    assertThatThrownBy(() -> SchemaGate.assertReadsReleased(SchemaGate.BROKEN, broken))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("output/StageFlowValue.avsc cannot read data written with its released copy")
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT")
        .hasMessageContaining("stalled");
  }

  @Test
  void rejectsSchemaWithoutReleasedCopy() {
    Path unreleased = Path.of("output", "Unreleased.avsc");

    assertThatThrownBy(() -> SchemaGate.assertReadsReleased(SchemaGate.BROKEN, unreleased))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("output/Unreleased.avsc has no released copy");
  }
}

package dev.funnelstreams.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * House rules of the contract: everything documented, money with the SPEC's precision, and
 * generated classes that carry money as BigDecimal, instants as Instant and dates as LocalDate.
 */
class SchemaContractTest {

  private static final String INPUT_NAMESPACE = "dev.funnelstreams.avro";
  private static final String OUTPUT_NAMESPACE = "dev.funnelstreams.avro.out";

  /** One field of one record anywhere in the schemas (nested records included). */
  private record FieldAt(Schema record, Schema.Field field) {
    String where() {
      return record.getFullName() + "." + field.name();
    }
  }

  private static List<Schema> allNamedTypes() {
    Map<Schema, Boolean> seen = new IdentityHashMap<>();
    List<Schema> named = new ArrayList<>();
    for (Path p : SchemaGate.schemaFiles(SchemaGate.CURRENT)) {
      collect(SchemaGate.parse(SchemaGate.CURRENT.resolve(p)), seen, named);
    }
    return named;
  }

  private static void collect(Schema s, Map<Schema, Boolean> seen, List<Schema> named) {
    if (seen.put(s, Boolean.TRUE) != null) {
      return;
    }
    switch (s.getType()) {
      case RECORD -> {
        named.add(s);
        s.getFields().forEach(f -> collect(f.schema(), seen, named));
      }
      case ENUM -> named.add(s);
      case UNION -> s.getTypes().forEach(t -> collect(t, seen, named));
      case ARRAY -> collect(s.getElementType(), seen, named);
      case MAP -> collect(s.getValueType(), seen, named);
      default -> { }
    }
  }

  private static List<FieldAt> allFields() {
    return allNamedTypes().stream()
        .filter(s -> s.getType() == Schema.Type.RECORD)
        .flatMap(r -> r.getFields().stream().map(f -> new FieldAt(r, f)))
        .toList();
  }

  /** The field's type without the null branch of an optional union. */
  private static Schema nonNull(Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return s;
    }
    List<Schema> rest = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    return rest.size() == 1 ? rest.get(0) : s;
  }

  @Test
  void everyRecordEnumAndFieldHasDoc() {
    assertThat(allNamedTypes())
        .allSatisfy(s -> assertThat(s.getDoc()).as(s.getFullName()).isNotBlank());
    assertThat(allFields())
        .allSatisfy(f -> assertThat(f.field().doc()).as(f.where()).isNotBlank());
  }

  @Test
  void everyOptionalFieldIsNullFirstWithNullDefault() {
    assertThat(allFields())
        .filteredOn(f -> f.field().schema().getType() == Schema.Type.UNION)
        .filteredOn(f -> !f.field().name().equals("payload"))
        .isNotEmpty()
        .allSatisfy(f -> {
          assertThat(f.field().schema().getTypes().get(0).getType()).as(f.where()).isEqualTo(Schema.Type.NULL);
          assertThat(f.field().hasDefaultValue()).as(f.where()).isTrue();
          assertThat(f.field().defaultVal()).as(f.where()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        });
  }

  @Test
  void moneyIsDecimal18InInputsAndDecimal24InOutputs() {
    List<FieldAt> money = allFields().stream()
        .filter(f -> nonNull(f.field().schema()).getLogicalType() instanceof LogicalTypes.Decimal)
        .toList();

    assertThat(money).extracting(FieldAt::where).contains(
        "dev.funnelstreams.avro.LeadCreated.estimatedValue",
        "dev.funnelstreams.avro.StageChanged.amount",
        "dev.funnelstreams.avro.LeadUpdated.estimatedValue",
        "dev.funnelstreams.avro.ChannelSpend.amount",
        "dev.funnelstreams.avro.out.ChannelCostValue.spend",
        "dev.funnelstreams.avro.out.ChannelCostValue.costPerWon",
        "dev.funnelstreams.avro.out.WeeklyReviewValue.wonValue");
    assertThat(money).allSatisfy(f -> {
      LogicalTypes.Decimal d = (LogicalTypes.Decimal) nonNull(f.field().schema()).getLogicalType();
      int precision = f.record().getNamespace().equals(OUTPUT_NAMESPACE) ? 24 : 18;
      assertThat(f.record().getNamespace()).isIn(INPUT_NAMESPACE, OUTPUT_NAMESPACE);
      assertThat(nonNull(f.field().schema()).getType()).as(f.where()).isEqualTo(Schema.Type.BYTES);
      assertThat(d.getPrecision()).as(f.where()).isEqualTo(precision);
      assertThat(d.getScale()).as(f.where()).isEqualTo(2);
    });
  }

  @Test
  void generatedClassesCarryLogicalTypesAsJavaTimeAndBigDecimal() throws Exception {
    int checked = 0;
    for (FieldAt f : allFields()) {
      String expected = javaTypeOf(nonNull(f.field().schema()));
      if (expected == null) {
        continue;
      }
      Class<?> generated = SpecificData.get().getClass(f.record());
      Method getter = generated.getMethod("get" + Character.toUpperCase(f.field().name().charAt(0))
          + f.field().name().substring(1));
      assertThat(getter.getGenericReturnType().getTypeName()).as(f.where()).isEqualTo(expected);
      checked++;
    }
    assertThat(checked).as("fields with a logical type").isGreaterThan(20);
  }

  /** Java type the generated getter must return, or null when the field holds no logical type. */
  private static String javaTypeOf(Schema s) {
    return switch (s.getType()) {
      case MAP -> wrap("java.util.Map<java.lang.String, %s>", javaTypeOf(nonNull(s.getValueType())));
      case ARRAY -> wrap("java.util.List<%s>", javaTypeOf(nonNull(s.getElementType())));
      default -> logicalJavaType(s.getLogicalType());
    };
  }

  private static String wrap(String format, String inner) {
    return inner == null ? null : String.format(format, inner);
  }

  private static String logicalJavaType(LogicalType t) {
    if (t == null) {
      return null;
    }
    return switch (t.getName()) {
      case "decimal" -> "java.math.BigDecimal";
      case "timestamp-millis" -> "java.time.Instant";
      case "date" -> "java.time.LocalDate";
      default -> throw new AssertionError("logical type not covered by the contract: " + t.getName());
    };
  }
}

package dev.funnelstreams.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.avro.ActivityLogged;
import dev.funnelstreams.avro.ChannelSpend;
import dev.funnelstreams.avro.Contact;
import dev.funnelstreams.avro.Customer;
import dev.funnelstreams.avro.LeadCreated;
import dev.funnelstreams.avro.LeadEvent;
import dev.funnelstreams.avro.LeadLost;
import dev.funnelstreams.avro.LeadUpdated;
import dev.funnelstreams.avro.OwnerChanged;
import dev.funnelstreams.avro.StageChanged;
import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertStatus;
import dev.funnelstreams.avro.out.AlertType;
import dev.funnelstreams.avro.out.Bottleneck;
import dev.funnelstreams.avro.out.ChannelCostValue;
import dev.funnelstreams.avro.out.LeadStateValue;
import dev.funnelstreams.avro.out.LossReasonCount;
import dev.funnelstreams.avro.out.WeeklyPairChange;
import dev.funnelstreams.avro.out.WeeklyReviewValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.AvroTypeException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated classes survive Avro binary encoding with their Java types intact. */
class AvroRoundTripTest {

  private static final Instant AT = Instant.parse("2026-03-02T01:30:00.123Z");

  @SuppressWarnings("unchecked")
  static <T extends SpecificRecord> T roundTrip(T record) {
    Class<T> type = (Class<T>) record.getClass();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<>(type).write(record, encoder);
      encoder.flush();
      return new SpecificDatumReader<>(type)
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LeadEvent event(String eventId, Object payload) {
    return LeadEvent.newBuilder()
        .setEventId(eventId)
        .setLeadId("L-1")
        .setOccurredAt(AT)
        .setPayload(payload)
        .build();
  }

  static Stream<LeadEvent> oneEventPerPayloadType() {
    return Stream.of(
        event("e-1", LeadCreated.newBuilder()
            .setChannel("expo").setCampaign("expo-sh-2026").setOwner("zhang.wei").setStage("lead")
            .setCustomer(new Customer("华东精密", "manufacturing", "200-500"))
            .setContact(new Contact("王芳", "采购经理", "+86 138 0000 0000"))
            .setEstimatedValue(new BigDecimal("200000.00"))
            .build()),
        event("e-2", StageChanged.newBuilder()
            .setToStage("won").setFromStage("negotiation").setNote("signed")
            .setAmount(new BigDecimal("-12.50"))
            .build()),
        event("e-3", ActivityLogged.newBuilder().setActivity("call").build()),
        event("e-4", OwnerChanged.newBuilder().setOwner("li.na").build()),
        event("e-5", LeadUpdated.newBuilder()
            .setEstimatedValue(new BigDecimal("650000.00")).setTier("A").setIndustry("")
            .build()),
        event("e-6", LeadLost.newBuilder().setReason("price").setDetail("10% over budget").build()));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("oneEventPerPayloadType")
  void leadEventRoundTripsEveryPayloadType(LeadEvent event) {
    LeadEvent back = roundTrip(event);

    assertThat(back).isEqualTo(event);
    assertThat(back.getPayload()).isExactlyInstanceOf(event.getPayload().getClass());
    assertThat(back.getOccurredAt()).isInstanceOf(Instant.class).isEqualTo(AT);
  }

  @Test
  void leadEventCarriesMoneyAsBigDecimal() {
    LeadEvent created = roundTrip(oneEventPerPayloadType().findFirst().orElseThrow());

    assertThat(((LeadCreated) created.getPayload()).getEstimatedValue())
        .isInstanceOf(BigDecimal.class)
        .isEqualTo(new BigDecimal("200000.00"));
  }

  @Test
  void optionalFieldsDefaultToNull() {
    LeadCreated bare = LeadCreated.newBuilder().build();

    assertThat(roundTrip(event("e-1", bare)).getPayload()).isEqualTo(bare);
    assertThat(bare.getChannel()).isNull();
    assertThat(bare.getEstimatedValue()).isNull();
    assertThat(bare.getContact()).isNull();
  }

  @Test
  void channelSpendRoundTripsDateAndMoney() {
    ChannelSpend spend = ChannelSpend.newBuilder()
        .setEventId("s-1").setChannel("online_ads").setCampaign("kw-crm")
        .setDate(LocalDate.of(2026, 3, 2)).setAmount(new BigDecimal("12000.00"))
        .setCurrency("CNY").setReportedAt(AT)
        .build();

    ChannelSpend back = roundTrip(spend);

    assertThat(back).isEqualTo(spend);
    assertThat(back.getDate()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(back.getReportedAt()).isEqualTo(AT);
  }

  @Test
  void decimalWithMoreThanTwoPlacesIsRejectedNotRounded() {
    ChannelSpend.Builder spend = ChannelSpend.newBuilder()
        .setEventId("s-1").setChannel("online_ads")
        .setDate(LocalDate.of(2026, 3, 2));

    assertThat(roundTrip(spend.setAmount(new BigDecimal("1.5")).build()).getAmount())
        .isEqualTo(new BigDecimal("1.50"));
    assertThatThrownBy(() -> roundTrip(spend.setAmount(new BigDecimal("1.505")).build()))
        .hasRootCauseInstanceOf(AvroTypeException.class);
  }

  @Test
  void leadStateRoundTripsReachInstants() {
    LeadStateValue state = LeadStateValue.newBuilder()
        .setStage("discovery").setActive(true).setEnteredAt(AT)
        .setReachedAt(Map.of("lead", AT.minusSeconds(86_400), "discovery", AT))
        .setChannel("expo").setLastTouchAt(AT)
        .build();

    LeadStateValue back = roundTrip(state);

    assertThat(back).isEqualTo(state);
    assertThat(back.getReachedAt()).containsEntry("discovery", AT);
    assertThat(back.getOwner()).isNull();
  }

  @Test
  void outputRecordsRoundTripMoneyEnumsAndNestedRecords() {
    ChannelCostValue cost = ChannelCostValue.newBuilder()
        .setSpend(new BigDecimal("12000.00")).setLeads(3).setOpportunities(1).setWon(0)
        .setWonValue(new BigDecimal("0.00")).setOpportunitiesInPeriod(1).setWonInPeriod(0)
        .setWonValueInPeriod(new BigDecimal("0.00"))
        .setCostPerLead(new BigDecimal("4000.00")).setCostPerOpportunity(new BigDecimal("12000.00"))
        .setLeadToOpportunityRate(1.0 / 3).setRoi(-1.0)
        .build();
    WeeklyReviewValue review = WeeklyReviewValue.newBuilder()
        .setNewLeads(25).setPreviousWeekLeads(20).setWeekOverWeek(0.25)
        .setPairs(List.of(new WeeklyPairChange("lead", "discovery", 0.4, 0.5, -10.0)))
        .setBottleneck(new Bottleneck("lead", "discovery"))
        .setTopLossReasons(List.of(new LossReasonCount("price", 3L)))
        .setWon(2).setWonValue(new BigDecimal("1234567890123456789012.34"))
        .build();
    Alert alert = Alert.newBuilder()
        .setAlertId("0123456789abcdef0123456789abcdef").setType(AlertType.CONVERSION_DROP)
        .setStatus(AlertStatus.RAISED).setStage("lead").setStageName("线索获取")
        .setSince(AT).setDeadline(AT).setRaisedAt(AT).setMessage("lead → discovery fell 10 points")
        .build();

    assertThat(roundTrip(cost)).isEqualTo(cost);
    assertThat(roundTrip(cost).getCostPerWon()).isNull();
    assertThat(roundTrip(review)).isEqualTo(review);
    assertThat(roundTrip(review).getStalledNow()).isNull();
    assertThat(roundTrip(alert)).isEqualTo(alert);
    assertThat(roundTrip(alert).getLeadId()).isNull();
  }
}

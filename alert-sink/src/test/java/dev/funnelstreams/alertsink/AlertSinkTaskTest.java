package dev.funnelstreams.alertsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.registry.RegistryUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task as the worker drives it: Avro bytes in, DLQ through the errant record reporter, retriable hand-back. */
class AlertSinkTaskTest {

    @TempDir
    Path dir;

    private Receiver hook;
    private TaskFixture f;

    @BeforeEach
    void setUp() throws Exception {
        hook = new Receiver("");
        f = new TaskFixture(dir, """
                channels:
                  crm: {type: webhook, url: "%s", secret: "${secret:crm}"}
                default: {channel: crm, sendCleared: true}
                """.formatted(hook.url("/alerts")));
        f.props.put("secret.crm", "whsec");
    }

    @AfterEach
    void tearDown() {
        hook.close();
    }

    @Test
    void decodesAvroAlertsAndSkipsTombstones() {
        AlertSinkTask t = f.start(new FakeSinkContext(true));
        t.put(List.of(f.record(Alerts.stall("a1", "L-1", "alice", "A")), f.record(null)));
        assertThat(hook.only().header("X-Funnel-Dedup-Key")).isEqualTo("a1:RAISED");
        t.stop();
    }

    @Test
    void permanentRefusalGoesToTheDeadLetterQueueWithTheReasonAndTheBatchGoesOn() {
        FakeSinkContext ctx = new FakeSinkContext(true);
        AlertSinkTask t = f.start(ctx);
        hook.then(403, Map.of(), "{\"error\":\"signature rejected\"}");
        SinkRecord refused = f.record(Alerts.stall("a2", "L-2", "alice", "A"));
        t.put(List.of(refused, f.record(Alerts.stall("a3", "L-3", "alice", "A"))));

        assertThat(ctx.reported).singleElement().satisfies(r -> {
            assertThat(r.record()).isSameAs(refused);
            assertThat(r.error()).isInstanceOf(RefusedAlertException.class)
                    .hasMessage("crm: HTTP 403 {\"error\":\"signature rejected\"}");
        });
        assertThat(hook.requests()).hasSize(2);
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterQueue() {
        FakeSinkContext ctx = new FakeSinkContext(true);
        f.start(ctx).put(List.of(f.raw(new byte[] {0, 0, 0, 0, 42, 1, 2})));
        assertThat(ctx.reported).singleElement().satisfies(r ->
                assertThat(r.error().getMessage()).startsWith("not a decodable Alert record: unknown schema id 42"));
        assertThat(hook.requests()).isEmpty();
    }

    @Test
    void registryOutageIsRetriableNotBadData() {
        FakeSinkContext ctx = new FakeSinkContext(true);
        AlertSinkTask t = f.start(ctx, (topic, bytes) -> {
            throw new RegistryUnavailableException("connection refused", -1, -1, "http://registry.invalid:8081", null);
        });
        assertThatThrownBy(() -> t.put(List.of(f.record(Alerts.stall("r1", "L-1", "alice", "A")))))
                .isInstanceOf(RetriableException.class).hasMessageContaining("schema registry unavailable");
        assertThat(ctx.reported).isEmpty();
    }

    @Test
    void withoutADeadLetterQueueARefusalFailsTheTaskWithTheReason() {
        AlertSinkTask t = f.start(new FakeSinkContext(false));
        hook.then(404, Map.of(), "gone");
        assertThatThrownBy(() -> t.put(List.of(f.record(Alerts.stall("a4", "L-4", "alice", "A")))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("crm: HTTP 404 gone");
    }

    @Test
    void destinationDownPastTheBudgetThrowsRetriableAndTheRedeliveryCompletesWithoutDuplicates() {
        FakeSinkContext ctx = new FakeSinkContext(true);
        AlertSinkTask t = f.start(ctx);
        List<SinkRecord> batch = List.of(f.record(Alerts.stall("b1", "L-1", "alice", "A")),
                f.record(Alerts.stall("b2", "L-2", "alice", "A")));
        hook.then(200, Map.of(), "");
        hook.then(503, Map.of("Retry-After", "90"), "maintenance");
        assertThatThrownBy(() -> t.put(batch)).isInstanceOf(RetriableException.class).hasMessageContaining("HTTP 503");
        assertThat(ctx.timeoutMs).isEqualTo(90_000);

        t.put(batch); // Connect redelivers the same batch
        assertThat(hook.requests()).extracting(r -> r.header("X-Funnel-Dedup-Key"))
                .containsExactly("b1:RAISED", "b2:RAISED", "b2:RAISED");
        assertThat(hook.requests().get(1).body()).isEqualTo(hook.requests().get(2).body());
    }
}

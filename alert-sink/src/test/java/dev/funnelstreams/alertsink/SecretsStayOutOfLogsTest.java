package dev.funnelstreams.alertsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the task at DEBUG through deliveries, retries, refusals and a digest, and reads everything it
 * logged: no robot token, signing secret or owner address may appear.
 */
class SecretsStayOutOfLogsTest {

    @TempDir
    Path dir;

    @Test
    void noSecretTokenOrAddressInAnyLogLine() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try (Receiver robot = new Receiver("{\"errcode\":0,\"errmsg\":\"ok\"}")) {
            TaskFixture f = new TaskFixture(dir, """
                    channels:
                      ding: {type: dingtalk, url: "%s", secret: "${secret:ding-sign}", ratePerMinute: 2}
                      hook: {type: webhook, url: "%s", secret: "${secret:hook}"}
                    owners:
                      carol@sales.test: {channel: ding, sendCleared: true}
                    default: {channel: hook}
                    """.formatted(robot.url("/robot/send?access_token=TOKEN-7f3a"), robot.url("/hook")));
            f.props.put("secret.ding-sign", "SEC-d1e2f3");
            f.props.put("secret.hook", "HOOK-a9b8");
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            FakeSinkContext ctx = new FakeSinkContext(true);
            AlertSinkTask t = f.start(ctx);
            robot.then(500, Map.of(), "{}");
            robot.then(200, Map.of(), "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
            for (int i = 0; i < 5; i++) {
                t.put(List.of(f.record(Alerts.stall("x" + i, "L-" + i, "carol@sales.test", "A"))));
            }
            robot.then(401, Map.of(), "unauthorized");
            t.put(List.of(f.record(Alerts.stall("y", "L-9", "dave@sales.test", "A"))));
            t.stop();
            assertThat(ctx.reported).hasSize(2);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("refused permanently", "retrying in", "counted for the digest", "delivered");
        assertThat(log).doesNotContain("TOKEN-7f3a", "SEC-d1e2f3", "HOOK-a9b8", "carol@sales.test", "dave@sales.test",
                "access_token");
    }
}

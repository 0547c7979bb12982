package dev.funnelstreams.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.streams.AppConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Section {@code streams.alertTimers}: defaults, ISO-8601 durations, errors that name the key. */
class AlertTimersConfigTest {

    private static TimerSettings parse(String streams) throws Exception {
        return AppConfigLoader.parse(yaml(streams), AppConfigLoader.Overrides.NONE).alertTimers();
    }

    private static String yaml(String streams) throws Exception {
        return Files.readString(Path.of("src/test/resources/funnel.yaml")) + "\nstreams:\n  bootstrapServers: k:9092\n"
                + streams;
    }

    @Test
    void defaultsToTheDocumentedSettings() throws Exception {
        assertThat(parse("")).isEqualTo(TimerSettings.DEFAULTS)
                .isEqualTo(new TimerSettings(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(30),
                        10_000));
    }

    @Test
    void readsEveryKeyAndKeepsDefaultsForTheOthers() throws Exception {
        assertThat(parse("  alertTimers: {interval: PT0.2S, maxLag: P400D, idleAfter: PT2S, maxFires: 50}\n"))
                .isEqualTo(new TimerSettings(Duration.ofMillis(200), Duration.ofDays(400), Duration.ofSeconds(2), 50));
        assertThat(parse("  alertTimers: {idleAfter: PT0S}\n"))
                .isEqualTo(new TimerSettings(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ZERO, 10_000));
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> parse("  alertTimers: {interval: PT0S, maxLag: 5m, idleAfter: -PT1S, maxFires: 0,"
                + " every: PT1S}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("streams.alertTimers.interval: PT0S (must be > 0")
                .hasMessageContaining("streams.alertTimers.maxLag: must be an ISO-8601 duration such as PT1S, PT5M or P1D (got \"5m\")")
                .hasMessageContaining("streams.alertTimers.idleAfter: PT-1S (must be >= 0")
                .hasMessageContaining("streams.alertTimers.maxFires: must be an integer >= 1 (got 0)")
                .hasMessageContaining("streams.alertTimers.every: unknown key (allowed: interval, maxLag, idleAfter,"
                        + " maxFires)");
        assertThatThrownBy(() -> parse("  alertTimers: PT1S\n"))
                .hasMessageContaining("streams.alertTimers: must be a mapping of interval, maxLag, idleAfter, maxFires (got \"PT1S\")");
    }
}

package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelstreams.core.config.ConfigException;
import dev.funnelstreams.streams.AppConfig;
import dev.funnelstreams.streams.AppConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Section {@code streams.http}: defaults, flags over the file, errors that name the key. */
class HttpConfigTest {

    private static String yaml(String streams) throws Exception {
        return Files.readString(Path.of("src/test/resources/funnel.yaml")) + "\nstreams:\n  bootstrapServers: k:9092\n"
                + streams;
    }

    @Test
    void defaultsToLoopbackPort8080WithoutToken() throws Exception {
        AppConfig.Http http = AppConfigLoader.parse(yaml(""), AppConfigLoader.Overrides.NONE).http();
        assertThat(http).isEqualTo(new AppConfig.Http(true, "127.0.0.1", 8080, null, null));
    }

    @Test
    void readsTheFileAndFlagsWin() throws Exception {
        String file = "  http: {host: 0.0.0.0, port: 9090, advertisedHost: app-1.internal, token: s3cret}\n";
        assertThat(AppConfigLoader.parse(yaml(file), AppConfigLoader.Overrides.NONE).http())
                .isEqualTo(new AppConfig.Http(true, "0.0.0.0", 9090, "app-1.internal", "s3cret"));
        AppConfigLoader.Overrides flags = AppConfigLoader.Overrides.NONE.withHttp("127.0.0.1", 0, "other");
        assertThat(AppConfigLoader.parse(yaml(file), flags).http())
                .isEqualTo(new AppConfig.Http(true, "127.0.0.1", 0, "app-1.internal", "other"));
        assertThat(AppConfigLoader.parse(yaml("  http: {enabled: false}\n"), AppConfigLoader.Overrides.NONE).http()
                .enabled()).isFalse();
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> AppConfigLoader.parse(yaml("  http: {port: 70000, colour: red, token: \"\"}\n"),
                AppConfigLoader.Overrides.NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("streams.http.port: 70000")
                .hasMessageContaining("streams.http.colour: unknown key")
                .hasMessageContaining("streams.http.token: empty");
        assertThatThrownBy(() -> AppConfigLoader.parse(yaml("  http: 8080\n"), AppConfigLoader.Overrides.NONE))
                .hasMessageContaining("streams.http: must be a mapping of enabled, host, port, advertisedHost, token");
    }

    @Test
    void theTokenIsNotPrinted() throws Exception {
        String file = "  http: {token: s3cret}\n";
        assertThat(AppConfigLoader.parse(yaml(file), AppConfigLoader.Overrides.NONE).http().toString())
                .doesNotContain("s3cret");
    }
}

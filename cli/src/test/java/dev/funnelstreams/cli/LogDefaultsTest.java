package dev.funnelstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The defaults as system properties: set where the user set nothing, never over the user's value,
 * and {@code --verbose} raises only the ones set here. (That slf4j-simple honours them is checked
 * with the built jar in {@link StreamingCommandsIT}: this JVM's logging is set up already.)
 */
class LogDefaultsTest {

    private static final String DEFAULT_LEVEL = LogDefaults.PREFIX + "defaultLogLevel";
    private static final String PROJECT = LogDefaults.PREFIX + "log.dev.funnelstreams";
    private static final String NETWORK_CLIENT = LogDefaults.PREFIX + "log.org.apache.kafka.clients.NetworkClient";

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void clearSimpleLoggerProperties() {
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(LogDefaults.PREFIX)) {
                saved.put(key, System.getProperty(key));
                System.clearProperty(key);
            }
        }
    }

    @AfterEach
    void restore() {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(LogDefaults.PREFIX))
                .forEach(System::clearProperty);
        saved.forEach(System::setProperty);
    }

    @Test
    void kafkaAtWarnAndTheProjectAtInfoByDefault() {
        LogDefaults.apply();

        assertThat(System.getProperty(DEFAULT_LEVEL)).isEqualTo("warn");
        assertThat(System.getProperty(PROJECT)).isEqualTo("info");
        assertThat(System.getProperty(NETWORK_CLIENT)).isEqualTo("error");
    }

    @Test
    void verboseRaisesEveryDefaultToInfo() {
        LogDefaults.apply().verbose();

        assertThat(System.getProperty(DEFAULT_LEVEL)).isEqualTo("info");
        assertThat(System.getProperty(PROJECT)).isEqualTo("info");
        assertThat(System.getProperty(NETWORK_CLIENT)).isEqualTo("info");
    }

    @Test
    void aLevelTheUserSetStaysAlsoWithVerbose() {
        System.setProperty(DEFAULT_LEVEL, "error");
        System.setProperty(NETWORK_CLIENT, "debug");

        LogDefaults.apply().verbose();

        assertThat(System.getProperty(DEFAULT_LEVEL)).isEqualTo("error");
        assertThat(System.getProperty(NETWORK_CLIENT)).isEqualTo("debug");
        assertThat(System.getProperty(PROJECT)).isEqualTo("info");
    }
}

package dev.funnelstreams.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoInboxTest {

    private static final String SECRET = "demo-secret";
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private DemoInbox inbox;
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        inbox = new DemoInbox(SECRET, Clock.systemUTC());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(DemoInbox.PATH, inbox);
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + DemoInbox.PATH);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSignedMessageIsShownNewestFirstAndEscaped() throws Exception {
        assertThat(post("{\"text\":\"线索 L-1 停滞 <b>3</b> 天\"}", SECRET, "a1:RAISED").statusCode()).isEqualTo(200);
        assertThat(post("{\"message\":\"second\"}", SECRET, "a2:RAISED").statusCode()).isEqualTo(200);

        String json = get("?format=json").body();
        assertThat(json).contains("\"dedupKey\":\"a2:RAISED\"").contains("线索 L-1 停滞 <b>3</b> 天");
        assertThat(json.indexOf("a2:RAISED")).isLessThan(json.indexOf("a1:RAISED"));
        String html = get("").body();
        assertThat(html).contains("线索 L-1 停滞 &lt;b&gt;3&lt;/b&gt; 天").doesNotContain("<b>3</b>")
                .contains("2 received, 0 refused");
        assertThat(inbox.received()).isEqualTo(2);
    }

    @Test
    void aWrongSignatureOrAMissingTimestampIsRefusedWithItsReason() throws Exception {
        HttpResponse<String> wrong = post("{\"text\":\"x\"}", "another secret", "a:RAISED");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("signature does not match");
        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("missing signature");
        assertThat(inbox.messages()).isEmpty();
        assertThat(inbox.refused()).isEqualTo(2);
    }

    @Test
    void onlyTheNewestAreKept() throws Exception {
        for (int i = 0; i < DemoInbox.KEEP + 5; i++) {
            assertThat(post("{\"text\":\"m" + i + "\"}", SECRET, "k" + i + ":RAISED").statusCode()).isEqualTo(200);
        }
        assertThat(inbox.messages()).hasSize(DemoInbox.KEEP);
        assertThat(inbox.messages().get(0).text()).isEqualTo("m" + (DemoInbox.KEEP + 4));
    }

    /** Signs as a sender would: hex HMAC-SHA256 over "timestamp.body", computed here, not by the inbox's checker. */
    private HttpResponse<String> post(String body, String secret, String dedup) throws Exception {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal((ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        return client.send(HttpRequest.newBuilder(uri).header(DemoInbox.TIMESTAMP_HEADER, ts)
                .header(DemoInbox.SIGNATURE_HEADER, "sha256=" + sig).header(DemoInbox.DEDUP_HEADER, dedup)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String query) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}

package dev.funnelstreams.alertsink.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.funnelstreams.alertsink.Alerts;
import dev.funnelstreams.alertsink.message.AlertNotices;
import dev.funnelstreams.alertsink.message.DashboardLinks;
import dev.funnelstreams.alertsink.message.Notice;
import dev.funnelstreams.alertsink.route.ChannelSpec;
import dev.funnelstreams.alertsink.route.Specs;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** E-mail over a real SMTP server in the test JVM (GreenMail), with SMTP AUTH. */
class EmailChannelTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@funnel.test", "alerts", "s3cret"));

    private final Notice notice = new AlertNotices(new DashboardLinks("https://funnel.example.com"), "auto")
            .of(Alerts.zhStall("d4e5f6", "L-9", "bob"));

    private EmailChannel channel(String password) {
        return new EmailChannel(Specs.email("mail", SMTP.getSmtp().getPort(), "alerts", password), Duration.ofSeconds(5));
    }

    @Test
    void authenticatesAndSendsSubjectBodyAndDedupHeaders() throws Exception {
        channel("s3cret").send(notice, List.of("bob@sales.test"));

        MimeMessage[] got = SMTP.getReceivedMessages();
        assertThat(got).hasSize(1);
        MimeMessage m = got[0];
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("bob@sales.test");
        assertThat(m.getFrom()[0].toString()).isEqualTo("alerts@funnel.test");
        assertThat(m.getSubject()).isEqualTo("【告警】线索 L-9 已在方案呈现阶段停留 7 天");
        assertThat(m.getHeader("X-Funnel-Dedup-Key")).containsExactly("d4e5f6:RAISED");
        assertThat(m.getMessageID()).isEqualTo("<d4e5f6.RAISED@funnel-streams.alerts>");
        assertThat(m.getContent().toString()).isEqualTo(notice.text()).contains("查看线索：https://funnel.example.com/#lead=L-9")
                .contains("d4e5f6:RAISED");
    }

    @Test
    void wrongPasswordIsPermanent() {
        assertThatThrownBy(() -> channel("wrong").send(notice, List.of("bob@sales.test")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("mail: SMTP authentication failed");
                });
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void malformedAddressIsPermanentAndTheReasonDoesNotQuoteIt() {
        assertThatThrownBy(() -> channel("s3cret").send(notice, List.of("bob at sales")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("bob");
                });
    }

    @Test
    void requiredStartTlsAgainstAServerWithoutItIsPermanentAndSendsNothing() {
        EmailChannel c = new EmailChannel(Specs.email("mail", SMTP.getSmtp().getPort(), "alerts", "s3cret",
                ChannelSpec.StartTls.REQUIRED), Duration.ofSeconds(5));
        assertThatThrownBy(() -> c.send(notice, List.of("bob@sales.test")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.getMessage()).contains("STARTTLS");
                });
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void unreachableServerIsRetriable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        EmailChannel c = new EmailChannel(Specs.email("mail", closed, null, null), Duration.ofSeconds(2));
        assertThatThrownBy(() -> c.send(notice, List.of("bob@sales.test")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isRetriable()).isTrue());
    }
}

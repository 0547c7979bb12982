package dev.funnelstreams.alertsink.channel;

import dev.funnelstreams.alertsink.message.Notice;
import dev.funnelstreams.alertsink.route.ChannelSpec;
import dev.funnelstreams.alertsink.route.ChannelSpec.StartTls;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * E-mail over SMTP (Jakarta Mail, Angus provider): STARTTLS as configured, AUTH when a username is
 * set. Subject is the notice's title, body its text; {@code X-Funnel-Dedup-Key} and a Message-ID
 * derived from {@code alertId:status} let mail clients fold a duplicate. Refused addresses, failed
 * authentication and 5xx replies are permanent; 4xx replies and connection failures are retriable.
 */
final class EmailChannel implements Channel {

    public static final String DEDUP_HEADER = "X-Funnel-Dedup-Key";

    private final ChannelSpec spec;
    private final Session session;

    EmailChannel(ChannelSpec spec, Duration timeout) {
        this.spec = spec;
        ChannelSpec.Smtp s = spec.smtp();
        Properties p = new Properties();
        String proto = s.ssl() ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", s.host());
        p.put("mail." + proto + ".port", Integer.toString(s.port()));
        p.put("mail." + proto + ".auth", Boolean.toString(s.username() != null));
        p.put("mail." + proto + ".starttls.enable", Boolean.toString(s.startTls() != StartTls.OFF));
        p.put("mail." + proto + ".starttls.required", Boolean.toString(s.startTls() == StartTls.REQUIRED));
        String ms = Long.toString(timeout.toMillis());
        p.put("mail." + proto + ".connectiontimeout", ms);
        p.put("mail." + proto + ".timeout", ms);
        p.put("mail." + proto + ".writetimeout", ms);
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(Notice n, List<String> to) throws DeliveryException {
        MimeMessage m;
        try {
            m = message(n, to);
        } catch (AddressException e) {
            // the exception text quotes the address: contact data stays out of the reason
            throw DeliveryException.permanent(spec.name() + ": malformed recipient or sender address");
        } catch (MessagingException e) {
            throw DeliveryException.permanent(spec.name() + ": cannot build the message: " + e.getClass().getSimpleName(), e);
        }
        ChannelSpec.Smtp s = spec.smtp();
        try {
            if (s.username() != null) {
                Transport.send(m, s.username(), s.password().reveal());
            } else {
                Transport.send(m);
            }
        } catch (AuthenticationFailedException e) {
            throw DeliveryException.permanent(spec.name() + ": SMTP authentication failed", e);
        } catch (SMTPSendFailedException e) {
            throw byReturnCode(e.getReturnCode(), e);
        } catch (SendFailedException e) {
            Address[] bad = e.getInvalidAddresses();
            if (bad != null && bad.length > 0) {
                throw DeliveryException.permanent(spec.name() + ": the SMTP server refused " + bad.length + " recipient(s)", e);
            }
            throw DeliveryException.retriable(spec.name() + ": sending failed: " + e.getClass().getSimpleName(), e);
        } catch (MessagingException e) {
            if (e.getCause() instanceof IOException) {
                throw DeliveryException.retriable(spec.name() + ": cannot reach the SMTP server ("
                        + e.getCause().getClass().getSimpleName() + ")", e);
            }
            throw DeliveryException.permanent(spec.name() + ": " + e.getMessage(), e);
        }
    }

    private DeliveryException byReturnCode(int code, Exception e) {
        String what = spec.name() + ": SMTP reply " + code;
        return code >= 400 && code < 500 ? DeliveryException.retriable(what, e) : DeliveryException.permanent(what, e);
    }

    private MimeMessage message(Notice n, List<String> to) throws MessagingException {
        String messageId = n.dedupKey() == null ? null : "<" + n.dedupKey().replace(':', '.') + "@funnel-streams.alerts>";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (messageId == null) {
                    super.updateMessageID();
                } else {
                    setHeader("Message-ID", messageId);
                }
            }
        };
        m.setFrom(new InternetAddress(spec.smtp().from(), true));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", to), true));
        m.setSubject(n.title(), StandardCharsets.UTF_8.name());
        m.setText(n.text(), StandardCharsets.UTF_8.name());
        if (n.dedupKey() != null) {
            m.setHeader(DEDUP_HEADER, n.dedupKey());
        }
        return m;
    }
}

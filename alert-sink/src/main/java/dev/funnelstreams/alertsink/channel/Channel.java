package dev.funnelstreams.alertsink.channel;

import dev.funnelstreams.alertsink.message.Notice;
import java.util.List;

/** One destination: formats a notice the way its service documents and sends it, signed where the service signs. */
public interface Channel {

    /** Sends {@code notice}; {@code to} are e-mail recipients (empty for robots). Returns once the service accepted it. */
    void send(Notice notice, List<String> to) throws DeliveryException;
}

package dev.funnelstreams.alertsink.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/**
 * Chat robots answer HTTP 200 with an error code in the body (DingTalk and WeCom {@code errcode},
 * Feishu {@code code}): 0 is success, a "too many messages" code is retriable after a minute (their
 * limits are per minute), anything else is permanent (bad signature, unknown token, keyword missing).
 */
final class RobotReply {

    private static final Duration LIMIT_WINDOW = Duration.ofSeconds(60);

    private RobotReply() {
    }

    static void check(String channel, HttpPost.Reply reply, String codeField, String messageField,
                      Set<Integer> tooFastCodes) throws DeliveryException {
        JsonNode n = Json.read(reply.body());
        // older Feishu hook replies carry StatusCode / StatusMessage instead of code / msg
        if (n != null && !n.has(codeField) && n.has("StatusCode")) {
            codeField = "StatusCode";
            messageField = "StatusMessage";
        }
        if (n == null || !n.has(codeField)) {
            throw DeliveryException.permanent(channel + ": unexpected reply " + HttpPost.abbreviate(reply.body()));
        }
        int code = n.path(codeField).asInt(-1);
        if (code == 0) {
            return;
        }
        String what = channel + ": " + codeField + " " + code + " " + n.path(messageField).asText("");
        if (tooFastCodes.contains(code)) {
            throw DeliveryException.retriable(what, LIMIT_WINDOW);
        }
        throw DeliveryException.permanent(what);
    }
}

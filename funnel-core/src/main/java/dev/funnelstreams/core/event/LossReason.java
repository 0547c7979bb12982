package dev.funnelstreams.core.event;

import java.util.List;

/** The loss reason codes of SPEC section 2; anything else counts as {@link #OTHER}. */
public final class LossReason {

    public static final String OTHER = "other";

    public static final List<String> CODES =
            List.of("price", "need_mismatch", "competitor", "no_budget", "no_response", "timing", OTHER);

    private LossReason() {
    }

    /** The code a reason counts as: itself when known, else {@code other}. */
    public static String normalise(String reason) {
        return reason != null && CODES.contains(reason) ? reason : OTHER;
    }
}

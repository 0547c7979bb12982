package dev.funnelstreams.core.generate;

import java.util.List;

/**
 * An acquisition channel of the synthetic company: how many leads it brings ({@code weight}), how
 * well they convert ({@code quality}, a multiplier of the stage advance probabilities) and its
 * campaigns. The expo channel only brings many leads on expo days.
 */
record Channel(String name, double weight, double quality, List<String> campaigns) {

    static final String EXPO = "expo";

    /** The channels in a fixed order (determinism); {@code null} name = a lead without channel. */
    static final List<Channel> ALL = List.of(
            new Channel("online_ads", 0.32, 0.70, List.of("kw-crm", "kw-erp", "retargeting")),
            new Channel("content", 0.17, 0.90, List.of("whitepaper", "webinar", "")),
            new Channel("outbound", 0.15, 0.80, List.of("cold-call")),
            new Channel("referral", 0.10, 1.40, List.of("")),
            new Channel("partner", 0.08, 1.15, List.of("partner-program")),
            new Channel(EXPO, 0.10, 1.05, List.of()),
            new Channel(null, 0.02, 0.90, List.of("")));
}

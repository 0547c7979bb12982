package dev.funnelstreams.core.event;

import dev.funnelstreams.core.config.Durations;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.TierDef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of SPEC sections 6 and 8 that need the config: unknown stages, unknown explicit tiers,
 * events too far in the future or before {@link #EARLIEST}, spend dates outside the accepted range, negative
 * money or money of 10^16 and more, another currency, missing ids, a leadId or dimension value longer than
 * {@link #MAX_TEXT}. A missing or unknown loss reason is not a rejection (it counts as {@code other}, see
 * {@link LeadLost#of}). Checks one event at a time; duplicate eventIds with different content are the caller's
 * to detect.
 */
public final class EventValidator {

    /**
     * The earliest accepted occurredAt, and the earliest instant a spend date may start at (in the funnel's
     * time zone): the Unix epoch. CRM exports write sentinel dates such as 1900-01-01 for "unknown", and Kafka
     * refuses record timestamps before 1970, so an event before it is rejected with its own reason.
     */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The latest accepted spend date: period labels have four-digit years. */
    public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

    /**
     * The most characters a leadId and a dimension value (channel, owner, industry) may have; the SPEC sets no
     * length, so this is the project's rule, as {@code HistoryLimits} is. The streaming app keeps a lead's
     * dimension values in its lead record once per fact (ten copies and more), its leadId in the keys and values of
     * several stores, and both in cell keys and alerts; a record over Kafka's 1 MB limit (an owner of 170,000
     * characters made a lead record of 2.5 MB) failed the transaction and stopped the app. 1,000 characters keep
     * those records far below it; a real name, channel or industry is a few dozen.
     */
    public static final int MAX_TEXT = 1_000;

    /** SPEC section 8: money has an absolute value below 10^16. */
    private static final BigDecimal MONEY_LIMIT = BigDecimal.TEN.pow(16);

    private final FunnelConfig config;

    public EventValidator(FunnelConfig config) {
        this.config = config;
    }

    /** The reason a parsed line is rejected, or empty when it is accepted. */
    public Optional<String> check(ParseResult parsed, Instant now) {
        if (parsed instanceof ParseResult.Rejected r) {
            return Optional.of(r.reason());
        }
        if (parsed instanceof ParseResult.Spend s) {
            return check(s.spend());
        }
        ParseResult.Lead lead = (ParseResult.Lead) parsed;
        Optional<String> currency = currency(lead.currency());
        return currency.isPresent() ? currency : check(lead.event(), now);
    }

    /**
     * The reason a lead event is rejected, or empty when it is accepted.
     *
     * @param now "now" of SPEC section 5: an event with occurredAt > now + maxFutureSkew is rejected
     */
    public Optional<String> check(LeadEvent e, Instant now) {
        Optional<String> id = EventIds.problem(e.eventId());
        if (id.isPresent()) {
            return id;
        }
        if (e.leadId() == null || e.leadId().isEmpty()) {
            return Optional.of("leadId: missing");
        }
        Optional<String> leadId = text("leadId", e.leadId());
        if (leadId.isPresent()) {
            return leadId;
        }
        if (e.occurredAt() == null) {
            return Optional.of("occurredAt: missing");
        }
        if (e.occurredAt().isBefore(EARLIEST)) {
            return Optional.of("occurredAt: " + Rfc3339.format(e.occurredAt()) + " is before "
                    + Rfc3339.format(EARLIEST) + ", the earliest accepted instant (a sentinel date for \"unknown\"?)");
        }
        Instant latest = now.plus(config.alerts().maxFutureSkew());
        if (e.occurredAt().isAfter(latest)) {
            return Optional.of("occurredAt: " + Rfc3339.format(e.occurredAt()) + " is in the future (later than now "
                    + Rfc3339.format(now) + " + maxFutureSkew " + Durations.format(config.alerts().maxFutureSkew()) + ")");
        }
        if (e instanceof LeadCreated c) {
            return first(
                    c.stage() == null ? Optional.empty() : stage("stage", c.stage()),
                    money("estimatedValue", c.estimatedValue()),
                    tier(c.tier()),
                    text("channel", c.channel()),
                    text("owner", c.owner()),
                    c.customer() == null ? Optional.empty() : text("customer.industry", c.customer().industry()));
        }
        if (e instanceof StageChanged s) {
            return first(
                    stage("toStage", s.toStage()),
                    s.fromStage() == null ? Optional.empty() : stage("fromStage", s.fromStage()),
                    money("amount", s.amount()));
        }
        if (e instanceof LeadUpdated u) {
            return first(money("estimatedValue", u.estimatedValue()), tier(u.tier()), text("industry", u.industry()));
        }
        if (e instanceof OwnerChanged o) {
            return text("owner", o.owner());
        }
        return Optional.empty();
    }

    /** The reason a channel spend is rejected, or empty when it is accepted. */
    public Optional<String> check(ChannelSpend s) {
        Optional<String> id = EventIds.problem(s.eventId());
        if (id.isPresent()) {
            return id;
        }
        if (s.channel() == null || s.channel().isEmpty()) {
            return Optional.of("channel: missing");
        }
        if (s.date() == null) {
            return Optional.of("date: missing");
        }
        if (s.amount() == null) {
            return Optional.of("amount: missing");
        }
        if (s.date().atStartOfDay(config.timezone()).toInstant().isBefore(EARLIEST)) {
            return Optional.of("date: " + s.date() + " starts before " + Rfc3339.format(EARLIEST) + " in "
                    + config.timezone() + ", the earliest accepted instant (a sentinel date for \"unknown\"?)");
        }
        if (s.date().isAfter(LATEST_DATE)) {
            return Optional.of("date: " + s.date() + " is after " + LATEST_DATE + ", the latest accepted date");
        }
        return first(money("amount", s.amount()), currency(s.currency()), text("channel", s.channel()));
    }

    /** A leadId or dimension value longer than {@link #MAX_TEXT}. */
    private static Optional<String> text(String field, String value) {
        if (value == null || value.length() <= MAX_TEXT) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s: %,d characters (at most %,d)", field, value.length(),
                MAX_TEXT));
    }

    private Optional<String> stage(String field, String id) {
        if (config.hasStage(id)) {
            return Optional.empty();
        }
        return Optional.of(field + ": unknown stage \"" + id + "\" (known: " + String.join(", ", config.stageIds()) + ")");
    }

    private Optional<String> tier(String tier) {
        if (tier == null || tier.isEmpty() || config.hasTier(tier)) {
            return Optional.empty();
        }
        return Optional.of("tier: unknown tier \"" + tier + "\" (configured: "
                + String.join(", ", config.tiers().stream().map(TierDef::name).toList()) + "; \"\" clears the tier)");
    }

    private static Optional<String> money(String field, BigDecimal value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.signum() < 0) {
            return Optional.of(field + ": negative amount " + value.toPlainString() + " (money must be >= 0)");
        }
        // JSON input cannot get here with more (Money.parse); an Avro writer's bytes can say anything, and a sum
        // beyond the outputs' decimal(24,2) cannot be written
        if (value.compareTo(MONEY_LIMIT) >= 0) {
            return Optional.of(field + ": " + value.toPlainString() + " is too large (absolute value must be below 10^16)");
        }
        return Optional.empty();
    }

    private Optional<String> currency(String currency) {
        if (currency == null || currency.equals(config.currency())) {
            return Optional.empty();
        }
        return Optional.of("currency: \"" + currency + "\" is not the reporting currency " + config.currency()
                + " (convert before sending, or omit the field)");
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... checks) {
        for (Optional<String> c : checks) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }
}

package dev.funnelstreams.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelstreams.core.yaml.Node;
import dev.funnelstreams.core.yaml.Problems;
import dev.funnelstreams.core.yaml.Suggest;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** One pass over the {@code funnel:} section that collects every error, then builds the config (or null). */
final class ConfigReader {

    private static final Pattern STAGE_ID = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MIN_STAGES = 2;
    private static final int MAX_STAGES = 12;
    /** The money target's key in a period's targets (stage ids cannot contain capitals, so it names no stage). */
    static final String WON_VALUE = "wonValue";

    private static final List<String> FUNNEL_KEYS = List.of("timezone", "currency", "stages", "opportunityStage",
            "tiers", "periods", "dimensions", "conversionWindow", "targets", "alerts");
    private static final List<String> STAGE_KEYS = List.of("id", "name", "stallAfter", "won", "probability");
    private static final List<String> TIER_KEYS = List.of("minValue", "followUpEvery");
    private static final List<String> ALERT_KEYS = List.of("conversionDrop", "grace", "maxFutureSkew");
    private static final List<String> DROP_KEYS = List.of("minPoints", "minSample");

    private final Problems errors;
    /** Every stage id written in the file, valid or not, so that one bad stage does not also fail its references. */
    private final Set<String> declaredIds = new LinkedHashSet<>();

    ConfigReader(Problems errors) {
        this.errors = errors;
    }

    /**
     * Reads the {@code funnel:} section; returns the config, or null after adding every error found to
     * the file's problems.
     */
    FunnelConfig read(JsonNode f) {
        if (f == null || f.isMissingNode() || f.isNull()) {
            errors.add("funnel: missing (the configuration lives under a top-level funnel: key)");
            return null;
        }
        if (!f.isObject()) {
            errors.add("funnel: must be a mapping of " + String.join(", ", FUNNEL_KEYS));
            return null;
        }
        int before = errors.size();
        unknownKeys(f, "funnel", FUNNEL_KEYS);

        ZoneId timezone = timezone(f.get("timezone"));
        String currency = currency(f.get("currency"));
        List<StageDef> stages = stages(f.get("stages"));
        List<String> stageIds = stages == null ? null : List.copyOf(declaredIds);
        String opportunityStage = opportunityStage(f.get("opportunityStage"), stageIds);
        List<TierDef> tiers = tiers(f.get("tiers"));
        Set<PeriodKind> periods = periods(f.get("periods"));
        List<Dimension> dimensions = dimensions(f.get("dimensions"));
        Optional<Duration> window = Optional.ofNullable(duration(f.get("conversionWindow"), "funnel.conversionWindow", true));
        Map<String, BigDecimal> valueTargets = new LinkedHashMap<>();
        Map<String, Map<String, Long>> targets = targets(f.get("targets"), stageIds, valueTargets);
        AlertSettings alerts = alerts(f.get("alerts"));
        probabilities(stages);

        if (errors.size() > before) {
            return null;
        }
        return new FunnelConfig(timezone, currency, stages, opportunityStage, tiers, periods, dimensions, window,
                targets, alerts, valueTargets);
    }

    private ZoneId timezone(JsonNode node) {
        String text = requiredText(node, "funnel.timezone", "a time zone id such as Asia/Shanghai or UTC");
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            errors.add("funnel.timezone: unknown time zone \"" + text
                    + "\" (a region id such as Asia/Shanghai, Europe/Berlin or UTC, or an offset such as +08:00)");
            return null;
        }
    }

    private String currency(JsonNode node) {
        String text = requiredText(node, "funnel.currency", "an ISO 4217 code such as CNY, USD or EUR");
        if (text == null) {
            return null;
        }
        try {
            if (CURRENCY.matcher(text).matches()) {
                return Currency.getInstance(text).getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        errors.add("funnel.currency: unknown currency \"" + text + "\" (an ISO 4217 code such as CNY, USD or EUR)");
        return null;
    }

    /** The stages, or null when the list itself is missing or unusable (then stage references are not checked). */
    private List<StageDef> stages(JsonNode node) {
        String key = "funnel.stages";
        if (node == null || node.isNull()) {
            errors.add(key + ": missing (an ordered list of " + MIN_STAGES + ".." + MAX_STAGES
                    + " stages, e.g. - {id: lead, name: Lead, stallAfter: P14D})");
            return null;
        }
        if (!node.isArray()) {
            errors.add(key + ": must be a list of " + MIN_STAGES + ".." + MAX_STAGES + " stages");
            return null;
        }
        if (node.size() < MIN_STAGES || node.size() > MAX_STAGES) {
            errors.add(key + ": " + node.size() + " stage" + (node.size() == 1 ? "" : "s")
                    + " (allowed: " + MIN_STAGES + ".." + MAX_STAGES + ")");
        }
        List<StageDef> stages = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int wonAt = -1;
        for (int i = 0; i < node.size(); i++) {
            String at = key + "[" + i + "]";
            JsonNode s = node.get(i);
            if (!s.isObject()) {
                errors.add(at + ": must be a mapping of " + String.join(", ", STAGE_KEYS));
                continue;
            }
            unknownKeys(s, at, STAGE_KEYS);
            String id = requiredText(s.get("id"), at + ".id", "an id matching [a-z0-9_-]+");
            if (id != null) {
                declaredIds.add(id);
            }
            if (id != null && !STAGE_ID.matcher(id).matches()) {
                errors.add(at + ".id: \"" + id + "\" is not a stage id (allowed characters: a-z, 0-9, _ and -)");
                id = null;
            }
            if (id != null && seen.containsKey(id)) {
                errors.add(at + ".id: duplicate stage id \"" + id + "\" (ids must be unique; first at "
                        + key + "[" + seen.get(id) + "])");
                id = null;
            }
            if (id != null) {
                seen.put(id, i);
            }
            String name = optionalText(s.get("name"), at + ".name");
            if (name != null && name.isBlank()) {
                errors.add(at + ".name: empty (any text; omit the key to use the id)");
            }
            Duration stallAfter = duration(s.get("stallAfter"), at + ".stallAfter", true);
            BigDecimal probability = probability(s.get("probability"), at + ".probability");
            boolean won = bool(s.get("won"), at + ".won");
            if (won) {
                if (wonAt >= 0) {
                    errors.add(at + ".won: a second won stage (exactly one stage has won: true; the first is "
                            + key + "[" + wonAt + "])");
                } else {
                    wonAt = i;
                    if (i == 0) {
                        errors.add(at + ".won: the won stage cannot be the first stage");
                    }
                }
            }
            if (id != null) {
                stages.add(new StageDef(id, name == null ? id : name, Optional.ofNullable(stallAfter), won,
                        Optional.ofNullable(probability)));
            }
        }
        if (wonAt < 0 && node.size() > 0) {
            errors.add(key + ": no won stage (mark exactly one stage, not the first, with won: true)");
        }
        return stages;
    }

    private String opportunityStage(JsonNode node, List<String> stageIds) {
        String key = "funnel.opportunityStage";
        String id = requiredText(node, key, "the id of the stage that makes a lead an opportunity");
        if (id != null && stageIds != null && !stageIds.contains(id)) {
            errors.add(key + ": unknown stage \"" + id + "\" (" + Suggest.hint(id, stageIds) + "known: "
                    + String.join(", ", stageIds) + ")");
        }
        return id;
    }

    private List<TierDef> tiers(JsonNode node) {
        String key = "funnel.tiers";
        String example = "e.g. A: {minValue: 500000, followUpEvery: P1D}";
        if (node == null || node.isNull()) {
            errors.add(key + ": missing (at least one tier is required, " + example + ")");
            return List.of();
        }
        if (!node.isObject()) {
            errors.add(key + ": must be a mapping of tier name -> {minValue, followUpEvery}, " + example);
            return List.of();
        }
        if (node.isEmpty()) {
            errors.add(key + ": empty (at least one tier is required, " + example + ")");
            return List.of();
        }
        List<TierDef> tiers = new ArrayList<>();
        Map<BigDecimal, String> byMinValue = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            String at = key + "." + name;
            if (name.isBlank() || !name.equals(name.strip())) {
                errors.add(at + ": a tier name must be non-empty text without surrounding spaces");
                continue;
            }
            JsonNode t = e.getValue();
            if (!t.isObject()) {
                errors.add(at + ": must be a mapping of " + String.join(", ", TIER_KEYS) + ", " + example);
                continue;
            }
            unknownKeys(t, at, TIER_KEYS);
            BigDecimal minValue = money(t.get("minValue"), at + ".minValue");
            Duration followUp = duration(t.get("followUpEvery"), at + ".followUpEvery", true);
            if (minValue == null) {
                continue;
            }
            String other = byMinValue.putIfAbsent(minValue, name);
            if (other != null) {
                errors.add(at + ".minValue: " + minValue.stripTrailingZeros().toPlainString()
                        + " is also the minValue of tier " + other + " (minValues must be distinct)");
                continue;
            }
            tiers.add(new TierDef(name, minValue, Optional.ofNullable(followUp)));
        }
        tiers.sort(Comparator.comparing(TierDef::minValue).reversed());
        return tiers;
    }

    /** {@code periods} absent (or empty, an error): week, month and quarter; YEAR only when listed. */
    private Set<PeriodKind> periods(JsonNode node) {
        Set<PeriodKind> defaults = EnumSet.of(PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER);
        if (node == null || node.isNull()) {
            return defaults;
        }
        List<PeriodKind> kinds = enumList(node, "funnel.periods", PeriodKind.values(), PeriodKind::name);
        if (node.isArray() && node.isEmpty()) {
            errors.add("funnel.periods: empty (list at least one of WEEK, MONTH, QUARTER, YEAR, or omit the key for"
                    + " WEEK, MONTH and QUARTER)");
        }
        return kinds.isEmpty() ? defaults : EnumSet.copyOf(kinds);
    }

    private List<Dimension> dimensions(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        return enumList(node, "funnel.dimensions", Dimension.values(), Dimension::key);
    }

    private <E> List<E> enumList(JsonNode node, String key, E[] values, Function<E, String> name) {
        List<String> allowed = Arrays.stream(values).map(name).toList();
        if (!node.isArray()) {
            errors.add(key + ": must be a list of " + String.join(", ", allowed));
            return List.of();
        }
        Set<E> result = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = key + "[" + i + "]";
            String text = requiredText(node.get(i), at, "one of " + String.join(", ", allowed));
            if (text == null) {
                continue;
            }
            E value = Arrays.stream(values).filter(v -> name.apply(v).equals(text)).findFirst().orElse(null);
            if (value == null) {
                errors.add(at + ": unknown value \"" + text + "\" (" + Suggest.hint(text, allowed) + "allowed: "
                        + String.join(", ", allowed) + ")");
            } else if (!result.add(value)) {
                errors.add(at + ": duplicate value \"" + text + "\" (list each at most once)");
            }
        }
        return new ArrayList<>(result);
    }

    /** {@code stages[].probability}: a decimal in [0, 1] with at most 2 decimals (SPEC section 9). */
    private BigDecimal probability(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.decimalValue().signum() < 0 || node.decimalValue().compareTo(BigDecimal.ONE) > 0
                || node.decimalValue().stripTrailingZeros().scale() > 2) {
            errors.add(key + ": must be a number from 0 to 1 with at most 2 decimals, e.g. 0.25 (got " + show(node)
                    + ")");
            return null;
        }
        return node.decimalValue().setScale(2);
    }

    /** Only stages before the won stage may have a probability (a lead in or after it is won already). */
    private void probabilities(List<StageDef> stages) {
        if (stages == null) {
            return;
        }
        boolean afterWon = false;
        for (int i = 0; i < stages.size(); i++) {
            StageDef s = stages.get(i);
            afterWon |= s.won();
            if (afterWon && s.probability().isPresent()) {
                errors.add("funnel.stages[" + i + "].probability: only stages before the won stage may have one ("
                        + s.id() + (s.won() ? " is the won stage" : " comes after the won stage") + ")");
            }
        }
    }

    private Map<String, Map<String, Long>> targets(JsonNode node, List<String> stageIds,
            Map<String, BigDecimal> valueTargets) {
        String key = "funnel.targets";
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            errors.add(key + ": must be a mapping of period -> stage -> count, e.g. 2026-Q4: {lead: 1000, won: 50}");
            return Map.of();
        }
        Map<String, Map<String, Long>> targets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> period : node.properties()) {
            String at = key + "." + period.getKey();
            if (!PeriodLabels.isValid(period.getKey())) {
                errors.add(at + ": not a period (allowed: an ISO week YYYY-Www, a month YYYY-MM, a quarter YYYY-Qn or"
                        + " a year YYYY, e.g. 2026-W09, 2026-03, 2026-Q1, 2026)");
            }
            if (!period.getValue().isObject()) {
                errors.add(at + ": must be a mapping of stage -> count, e.g. {lead: 1000, won: 50}");
                continue;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> target : period.getValue().properties()) {
                String stageAt = at + "." + target.getKey();
                if (target.getKey().equals(WON_VALUE)) {
                    BigDecimal money = moneyText(target.getValue(), stageAt);
                    if (money != null) {
                        valueTargets.put(period.getKey(), money);
                    }
                    continue;
                }
                if (stageIds != null && !stageIds.contains(target.getKey())) {
                    errors.add(stageAt + ": unknown stage \"" + target.getKey() + "\" ("
                            + Suggest.hint(target.getKey(), stageIds) + "known: " + String.join(", ", stageIds) + ")");
                }
                JsonNode count = target.getValue();
                if (!count.isIntegralNumber() || !count.canConvertToLong() || count.longValue() < 0) {
                    errors.add(stageAt + ": must be an integer >= 0 (got " + show(count) + ")");
                    continue;
                }
                counts.put(target.getKey(), count.longValue());
            }
            targets.put(period.getKey(), Map.copyOf(counts));
        }
        return targets;
    }

    private AlertSettings alerts(JsonNode node) {
        AlertSettings d = AlertSettings.DEFAULTS;
        String key = "funnel.alerts";
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            errors.add(key + ": must be a mapping of " + String.join(", ", ALERT_KEYS));
            return d;
        }
        unknownKeys(node, key, ALERT_KEYS);
        int minPoints = d.minPoints();
        int minSample = d.minSample();
        JsonNode drop = node.get("conversionDrop");
        if (drop != null && !drop.isNull()) {
            String at = key + ".conversionDrop";
            if (!drop.isObject()) {
                errors.add(at + ": must be a mapping of " + String.join(", ", DROP_KEYS));
            } else {
                unknownKeys(drop, at, DROP_KEYS);
                minPoints = integer(drop.get("minPoints"), at + ".minPoints", 0, minPoints);
                minSample = integer(drop.get("minSample"), at + ".minSample", 1, minSample);
            }
        }
        Duration grace = duration(node.get("grace"), key + ".grace", false);
        Duration skew = duration(node.get("maxFutureSkew"), key + ".maxFutureSkew", false);
        return new AlertSettings(minPoints, minSample, grace == null ? d.grace() : grace,
                skew == null ? d.maxFutureSkew() : skew);
    }

    // --- typed scalars; each returns null (and records an error) when the value is unusable

    private int integer(JsonNode node, String key, int min, int dflt) {
        return new Node(node, key, errors).integer(min, dflt);
    }

    /** A money amount written as a decimal string, {@code "5000000.00"} (as money is on events). */
    private BigDecimal moneyText(JsonNode node, String key) {
        String example = "a decimal string >= 0 with at most 2 decimals, e.g. \"5000000.00\"";
        if (!node.isTextual()) {
            errors.add(key + ": must be " + example + " (got " + show(node) + ")");
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(node.textValue().trim());
            if (v.signum() >= 0 && v.stripTrailingZeros().scale() <= 2) {
                return v.setScale(2);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(key + ": must be " + example + " (got " + show(node) + ")");
        return null;
    }

    private BigDecimal money(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            errors.add(key + ": missing (a number >= 0 with at most 2 decimals)");
            return null;
        }
        if (!node.isNumber() || node.decimalValue().signum() < 0
                || node.decimalValue().stripTrailingZeros().scale() > 2) {
            errors.add(key + ": must be a number >= 0 with at most 2 decimals (got " + show(node) + ")");
            return null;
        }
        return node.decimalValue().setScale(2);
    }

    private Duration duration(JsonNode node, String key, boolean positive) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(key + ": must be an ISO-8601 duration such as P14D or PT1H (got " + show(node) + ")");
            return null;
        }
        try {
            Duration d = Durations.parse(key, node.textValue());
            if (positive && d.isZero()) {
                errors.add(key + ": must be longer than zero (got " + node.textValue() + ")");
                return null;
            }
            return d;
        } catch (ConfigException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private boolean bool(JsonNode node, String key) {
        return new Node(node, key, errors).bool(false);
    }

    private String requiredText(JsonNode node, String key, String allowed) {
        if (node == null || node.isNull()) {
            errors.add(key + ": missing (" + allowed + ")");
            return null;
        }
        String text = optionalText(node, key);
        if (text != null && text.isEmpty()) {
            errors.add(key + ": empty (" + allowed + ")");
            return null;
        }
        return text;
    }

    /** Text of a scalar; numbers are taken as written (YAML reads {@code name: 2026} as a number). */
    private String optionalText(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.asText();
        }
        errors.add(key + ": must be text (got " + show(node) + ")");
        return null;
    }

    private void unknownKeys(JsonNode node, String parent, List<String> allowed) {
        new Node(node, parent, errors).onlyKeys(allowed);
    }

    private static String show(JsonNode node) {
        return Node.show(node);
    }
}

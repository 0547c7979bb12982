package dev.funnelstreams.alertsink.delivery;

import dev.funnelstreams.alertsink.message.DigestNotices.Counts;
import dev.funnelstreams.alertsink.message.Language;
import dev.funnelstreams.avro.out.Alert;
import dev.funnelstreams.avro.out.AlertStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Alerts a rate limit held back, counted per destination and kind until the digest goes out. */
final class Digests {

    private final Map<Destination, Map<String, Integer>> counts = new LinkedHashMap<>();
    private final Map<Destination, Language> languages = new LinkedHashMap<>();

    void add(Destination d, Alert a, Language lang) {
        String kind = a.getStatus() == AlertStatus.CLEARED ? "CLEARED" : a.getType().name();
        counts.computeIfAbsent(d, k -> new LinkedHashMap<>()).merge(kind, 1, Integer::sum);
        // one Chinese alert makes the digest Chinese
        languages.merge(d, lang, (x, y) -> x == Language.ZH || y == Language.ZH ? Language.ZH : Language.EN);
    }

    Set<Destination> pending() {
        return Set.copyOf(counts.keySet());
    }

    Counts of(Destination d) {
        return new Counts(Map.copyOf(counts.get(d)), languages.get(d));
    }

    void clear(Destination d) {
        counts.remove(d);
        languages.remove(d);
    }
}

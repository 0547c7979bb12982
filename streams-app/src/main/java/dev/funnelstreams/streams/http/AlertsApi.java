package dev.funnelstreams.streams.http;

import dev.funnelstreams.core.alert.Alert;
import dev.funnelstreams.core.alert.AlertEvaluator;
import dev.funnelstreams.core.alert.AlertType;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.metrics.CellTotals;
import dev.funnelstreams.core.metrics.WeekCounts;
import dev.funnelstreams.core.metrics.WeekKey;
import dev.funnelstreams.core.period.Period;
import dev.funnelstreams.streams.StoreNames;
import dev.funnelstreams.streams.alert.LeadAlerts;
import dev.funnelstreams.streams.http.StoreScan.CellFilter;
import dev.funnelstreams.streams.http.StoreScan.Query;
import dev.funnelstreams.streams.http.StoreScan.Scanned;
import dev.funnelstreams.streams.state.CellCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /api/alerts[?type=STALL]}: the open alerts. STALL and FOLLOW_UP_OVERDUE are the
 * alerts the lead tasks' timers raised and have not cleared (store lead-alerts, every partition);
 * CONVERSION_DROP are the drops of the weeks the app has closed (store closed-weeks), evaluated by
 * the core on the week cells, as the app does when it closes a week.
 */
final class AlertsApi {

    private final StoreScan scan;
    private final TypedReader<String, LeadAlerts> leadAlerts;
    private final TypedReader<String, String> closedWeeks;
    private final AlertEvaluator evaluator;

    AlertsApi(FunnelConfig config, StoreScan scan, TypedReader<String, LeadAlerts> leadAlerts,
            TypedReader<String, String> closedWeeks) {
        this.scan = scan;
        this.leadAlerts = leadAlerts;
        this.closedWeeks = closedWeeks;
        this.evaluator = new AlertEvaluator(config);
    }

    Reply alerts(Request r) {
        Optional<AlertType> type = r.param("type").map(t -> {
            try {
                return AlertType.valueOf(t);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("type: \"" + t + "\" (allowed: " + Arrays.stream(AlertType.values())
                        .map(Enum::name).collect(Collectors.joining(", ")) + ")");
            }
        });
        Optional<String> auth = r.header("Authorization");
        List<Alert> open = new ArrayList<>();
        boolean stale = false;
        if (type.isEmpty() || type.get() != AlertType.CONVERSION_DROP) {
            Scanned leads = scan.scan(new Query(StoreNames.LEAD_ALERTS, List.of(), CellFilter.ANY), auth);
            stale = leads.stale();
            leads.entries().forEach(e -> open.addAll(leadAlerts.value(e).raised()));
        }
        if (type.isEmpty() || type.get() == AlertType.CONVERSION_DROP) {
            Scanned closed = scan.scan(new Query(StoreNames.CLOSED_WEEKS, List.of(), CellFilter.ANY), auth);
            Scanned weeks = scan.scan(new Query(StoreNames.CELL_TOTALS, List.of(CellPrefix.of(CellCodec.WEEK)),
                    CellFilter.ANY), auth);
            stale |= closed.stale() || weeks.stale();
            Optional<Period> through = closed.entries().stream().map(closedWeeks::value).map(Period::parse)
                    .max(Comparator.naturalOrder());
            through.ifPresent(t -> open.addAll(drops(CellReader.cells(weeks), t)));
        }
        List<ApiRecord> records = open.stream()
                .filter(a -> type.isEmpty() || a.type() == type.get())
                .sorted(Comparator.comparing(Alert::deadline).thenComparing(Alert::alertId))
                .map(a -> new ApiRecord(a.key(), a))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        type.ifPresent(t -> body.put("type", t.name()));
        body.put("stale", stale);
        body.put("records", records);
        return Reply.json(body);
    }

    /**
     * The drops of every week through {@code through}. The app stores no emission time for them,
     * so raisedAt is the week's close (end + grace), the earliest instant the app raises it.
     */
    private List<Alert> drops(CellTotals cells, Period through) {
        Map<WeekKey, WeekCounts> weeks = cells.cells(WeekKey.class);
        List<Alert> out = new ArrayList<>();
        weeks.keySet().stream().map(WeekKey::week).min(Comparator.naturalOrder()).ifPresent(first -> {
            for (Period w = first; w.compareTo(through) <= 0; w = w.next()) {
                WeekCounts c = weeks.getOrDefault(new WeekKey(w), WeekCounts.ZERO);
                WeekCounts prev = weeks.getOrDefault(new WeekKey(w.previous()), WeekCounts.ZERO);
                out.addAll(evaluator.conversionDrops(w, c, prev, evaluator.closesAt(w)));
            }
        });
        return out;
    }
}

package dev.funnelstreams.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.event.ParseResult;
import java.time.Clock;
import java.util.Optional;

/**
 * The one definition of a valid event: a mapped object goes through the core's canonical JSON
 * parser and, when a funnel config is given, the core's validator. Mappings never decide validity
 * themselves.
 */
public final class EventGate {

    private final EventValidator validator;
    private final Clock clock;

    /** @param config the funnel config, or null to check only what needs no config */
    public EventGate(FunnelConfig config, Clock clock) {
        this.validator = config == null ? null : new EventValidator(config);
        this.clock = clock;
    }

    /** The parsed event, or a {@link ParseResult.Rejected} with the reason. */
    public ParseResult check(ObjectNode mapped) {
        ParseResult parsed = EventJson.parse(mapped.toString());
        if (parsed instanceof ParseResult.Rejected || validator == null) {
            return parsed;
        }
        Optional<String> why = validator.check(parsed, clock.instant());
        return why.<ParseResult>map(ParseResult.Rejected::new).orElse(parsed);
    }
}

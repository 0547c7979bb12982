package dev.funnelstreams.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.EventValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class GeneratorPropertiesTest {

    static final FunnelConfig CONFIG = FunnelConfigLoader.load(Path.of("../examples/funnel.yaml"));

    @Property(tries = 25)
    void everySeedGivesValidEventsInsideTheHistory(@ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int leads,
            @ForAll @IntRange(min = 1, max = 120) int days) throws IOException {
        LocalDate start = LocalDate.of(2026, 1, 1);
        List<String> lines = new ArrayList<>();
        GeneratorSummary summary = new FunnelGenerator(CONFIG, new GeneratorOptions(seed, leads, start, days))
                .generate(lines::add);

        Instant end = start.plusDays(days).atStartOfDay(CONFIG.timezone()).toInstant();
        EventValidator validator = new EventValidator(CONFIG);
        assertThat(lines).hasSize((int) summary.lines());
        assertThat(lines).allSatisfy(l -> assertThat(validator.check(EventJson.parse(l), end)).as(l).isEmpty());
        assertThat(summary.leads()).isEqualTo(leads);
    }
}

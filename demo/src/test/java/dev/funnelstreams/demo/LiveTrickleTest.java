package dev.funnelstreams.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelstreams.core.config.FunnelConfig;
import dev.funnelstreams.core.config.FunnelConfigLoader;
import dev.funnelstreams.core.event.EventJson;
import dev.funnelstreams.core.event.EventValidator;
import dev.funnelstreams.core.event.ParseResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTrickleTest {

    @TempDir
    Path dir;

    private static FunnelConfig bundledConfig() throws Exception {
        try (InputStream in = Demo.class.getResourceAsStream("funnel.yaml")) {
            return FunnelConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void liveEventsAreValidCanonicalEventsWithUniqueIdsThatMoveLeadsForward() throws Exception {
        FunnelConfig config = bundledConfig();
        DemoDirs dirs = new DemoDirs(dir);
        dirs.create();
        LeadBook book = new LeadBook(config);
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);
        LiveTrickle trickle = new LiveTrickle(config, book, dirs, 20, 1, clock);
        int written = 0;
        for (int i = 0; i < 30; i++) {
            written += trickle.tick();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dirs.inbox())) {
            for (Path f : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        assertThat(lines).hasSize(written).hasSizeGreaterThan(300);
        List<String> ids = new ArrayList<>();
        EventValidator validator = new EventValidator(config);
        for (String line : lines) {
            ParseResult r = EventJson.parse(line);
            assertThat(r).as(line).isNotInstanceOf(ParseResult.Rejected.class);
            assertThat(validator.check(r, clock.instant())).as(line).isEmpty();
            ids.add(new ObjectMapper().readTree(line).path("eventId").asText());
            assertThat(line).doesNotContain("contact");
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(lines).anyMatch(l -> l.contains("\"StageChanged\"")).anyMatch(l -> l.contains("\"LeadCreated\""))
                .anyMatch(l -> l.contains("\"LeadLost\"")).anyMatch(l -> l.contains("\"ChannelSpend\""));
        try (Stream<Path> staged = Files.list(dirs.staging())) {
            assertThat(staged).as("nothing left half-written in staging").isEmpty();
        }
    }

    @Test
    void bookFollowsStagesAndLossesOfTheHistory() throws Exception {
        LeadBook book = new LeadBook(bundledConfig());
        book.accept("{\"eventId\":\"e1\",\"type\":\"LeadCreated\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\",\"channel\":\"expo\",\"owner\":\"zhang.wei\"}");
        book.accept("{\"eventId\":\"e2\",\"type\":\"StageChanged\",\"leadId\":\"L-1\",\"occurredAt\":\"2026-03-03T09:30:00+08:00\",\"toStage\":\"proposal\"}");
        book.accept("{\"eventId\":\"e3\",\"type\":\"LeadCreated\",\"leadId\":\"L-2\",\"occurredAt\":\"2026-03-02T09:30:00+08:00\"}");
        book.accept("{\"eventId\":\"e4\",\"type\":\"LeadLost\",\"leadId\":\"L-2\",\"occurredAt\":\"2026-03-04T09:30:00+08:00\",\"reason\":\"price\"}");
        book.accept("not json");
        assertThat(book.size()).isEqualTo(2);
        assertThat(book.channels()).containsExactly("expo");
        assertThat(book.owners()).containsExactly("zhang.wei");
        for (double r = 0; r < 1; r += 0.1) {
            LeadBook.Lead open = book.pickOpen(r);
            assertThat(open.id).isEqualTo("L-1");
            assertThat(open.stage).isEqualTo(2);
        }
    }
}

package dev.funnelstreams.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingLoaderTest {

    @TempDir
    Path dir;

    private Mapping load(String yaml) throws IOException {
        Path f = dir.resolve("m.yaml");
        Files.writeString(f, yaml);
        return Mapping.load(f, null);
    }

    private static final String HEAD = "files:\n  - match: '*.csv'\n    events:\n      - type: LeadCreated\n";

    @Test
    void namesAnUnknownKeyAndListsTheAllowedOnes() {
        assertThatThrownBy(() -> load(HEAD + "        leadId: x\n        occurredAt: {colum: d}\n"))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("files[0].events[0].occurredAt.colum: unknown key");
    }

    @Test
    void reportsTheErrorsOfEveryEntryAtOnceWithADidYouMean() {
        MappingException e = catchThrowableOfType(MappingException.class, () -> load("lookups:\n"
                + "  deals: {file: nope.csv, key: id}\n" + HEAD
                + "        leadId: x\n        occurredAt: {colum: d}\n"
                + "      - type: StageChanged\n        leadId: x\n        occurredAt: '${d}'\n        toStag: won\n"
                + "  - match: '*.jsonl'\n    events: []\n"));

        assertThat(e.errors()).hasSize(4);
        assertThat(e.errors().get(0)).startsWith("lookups.deals.file: lookup file ").contains("nope.csv not found")
                .contains("--lookup-dir DIR").contains("lookup.dir");
        assertThat(e.errors().get(1)).startsWith("files[0].events[0].occurredAt.colum: unknown key (did you mean column?");
        assertThat(e.errors().get(2)).startsWith("files[0].events[1].toStag: unknown key (did you mean toStage?");
        assertThat(e.errors().get(3)).isEqualTo("files[1].events: needs at least one event");
        assertThat(e.getMessage()).startsWith("4 mapping errors:\n");
    }

    @Test
    void namesAFieldThatTheEventTypeDoesNotHave() {
        assertThatThrownBy(() -> load(HEAD + "        leadId: x\n        occurredAt: '${d}'\n        toStage: won\n"))
                .hasMessageStartingWith("files[0].events[0].toStage: unknown key");
    }

    @Test
    void namesAMissingRequiredField() {
        assertThatThrownBy(() -> load(HEAD + "        leadId: x\n"))
                .hasMessageStartingWith("files[0].events[0].occurredAt: is required for LeadCreated");
    }

    @Test
    void namesAnUnknownEventType() {
        assertThatThrownBy(() -> load("files:\n  - match: x\n    events:\n      - type: LeadWon\n"))
                .hasMessageStartingWith("files[0].events[0].type: unknown event type 'LeadWon'");
    }

    @Test
    void namesAnUndefinedLookup() {
        assertThatThrownBy(() -> load(HEAD + "        leadId: x\n        occurredAt: '${d}'\n"
                + "        owner: {lookup: deals, column: sr}\n"))
                .hasMessageStartingWith("files[0].events[0].owner.lookup: no lookup named 'deals'");
    }

    @Test
    void namesAMissingLookupFile() {
        assertThatThrownBy(() -> load("lookups:\n  deals: {file: nope.csv, key: id}\n" + HEAD
                + "        leadId: x\n        occurredAt: '${d}'\n"))
                .hasMessageStartingWith("lookups.deals.file: lookup file");
    }

    @Test
    void namesALookupKeyColumnThatIsNotInTheFile() throws IOException {
        Files.writeString(dir.resolve("d.csv"), "id,v\n1,a\n");
        assertThatThrownBy(() -> load("lookups:\n  deals: {file: d.csv, key: mql}\n" + HEAD
                + "        leadId: x\n        occurredAt: '${d}'\n"))
                .hasMessageStartingWith("lookups.deals.key: column 'mql' is not in the header");
    }

    @Test
    void refusesADuplicateLookupKey() throws IOException {
        Files.writeString(dir.resolve("d.csv"), "id,v\n1,a\n1,b\n");
        assertThatThrownBy(() -> load("lookups:\n  deals: {file: d.csv, key: id}\n" + HEAD
                + "        leadId: x\n        occurredAt: '${d}'\n"))
                .hasMessageContaining("'1' appears twice");
    }

    @Test
    void namesABadTimeZoneAndABadPattern() {
        assertThatThrownBy(() -> load("timezone: Mars/Olympus\n" + HEAD + "        leadId: x\n        occurredAt: '${d}'\n"))
                .hasMessageStartingWith("timezone: unknown time zone");
        assertThatThrownBy(() -> load(HEAD + "        leadId: x\n        occurredAt: {column: d, format: 'yyyy-qq-ppp'}\n"))
                .hasMessageStartingWith("files[0].events[0].occurredAt.format: bad date/time pattern");
    }

    @Test
    void refusesAConditionWithoutOperatorAndAFormatOnATextField() {
        assertThatThrownBy(() -> load(HEAD + "        when: {column: s}\n        leadId: x\n        occurredAt: '${d}'\n"))
                .hasMessageStartingWith("files[0].events[0].when: needs exactly one of");
        assertThatThrownBy(() -> load(HEAD + "        leadId: {column: x, format: yyyy}\n        occurredAt: '${d}'\n"))
                .hasMessageStartingWith("files[0].events[0].leadId.format: only applies to instant and date fields");
    }

    @Test
    void refusesDuplicateKeysAndEmptyTemplates() {
        assertThatThrownBy(() -> load(HEAD + "        leadId: x\n        leadId: y\n        occurredAt: '${d}'\n"))
                .hasMessageContaining("Duplicate field 'leadId'");
        assertThatThrownBy(() -> load(HEAD + "        leadId: 'a-${}'\n        occurredAt: '${d}'\n"))
                .hasMessageStartingWith("files[0].events[0].leadId: empty ${}");
    }
}

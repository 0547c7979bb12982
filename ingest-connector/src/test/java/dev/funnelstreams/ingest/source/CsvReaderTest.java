package dev.funnelstreams.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<SourceRow> read(String csv) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (CsvReader r = new CsvReader(new StringReader(csv), ',')) {
            SourceRow row;
            while ((row = r.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void readsQuotedFieldsWithDelimitersDoubledQuotesAndLineBreaks() throws IOException {
        List<SourceRow> rows = read("id,name,note\r\n1,\"Acme, Inc.\",\"says \"\"hi\"\"\"\r\n2,\"two\nlines\",x\r\n3,plain,\r\n");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("name")).isEqualTo("Acme, Inc.");
        assertThat(rows.get(0).get("note")).isEqualTo("says \"hi\"");
        assertThat(rows.get(1).get("name")).isEqualTo("two\nlines");
        assertThat(rows.get(2).get("note")).isEmpty();
        assertThat(rows).extracting(SourceRow::malformed).containsOnlyNulls();
    }

    @Test
    void numbersRecordsByTheLineTheyStartOnAndSkipsBlankLines() throws IOException {
        List<SourceRow> rows = read("a,b\n1,\"x\ny\"\n\n2,z\n");
        assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 5L);
    }

    @Test
    void keepsTheRawRecordTextWithoutItsLineBreak() throws IOException {
        List<SourceRow> rows = read("a,b\r\n1,\"x,y\"\r\n");
        assertThat(rows.get(0).raw()).isEqualTo("1,\"x,y\"");
    }

    @Test
    void ignoresAByteOrderMarkBeforeTheHeader() throws IOException {
        assertThat(read("\uFEFFid,v\n7,8\n").get(0).get("id")).isEqualTo("7");
    }

    @Test
    void flagsRecordsWithTheWrongFieldCountOrBrokenQuotesAndGoesOn() throws IOException {
        List<SourceRow> rows = read("a,b\n1,2,3\n\"x\"y,2\n4,5\n\"open,6\n");
        assertThat(rows.get(0).malformed()).contains("expected 2 fields, found 3");
        assertThat(rows.get(1).malformed()).contains("text after a closing quote");
        assertThat(rows.get(2).malformed()).isNull();
        assertThat(rows.get(3).malformed()).contains("not closed");
    }

    @Test
    void readsTheLastRecordWithoutATrailingLineBreak() throws IOException {
        List<SourceRow> rows = read("a\n1\n2");
        assertThat(rows).extracting(r -> r.get("a")).containsExactly("1", "2");
    }
}

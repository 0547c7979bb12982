package dev.funnelstreams.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String csv(String... rows) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String r : rows) {
            nodes.add(JSON.readTree(r));
        }
        byte[] bytes = CsvTable.of(nodes);
        assertThat(Arrays.copyOf(bytes, 3)).as("UTF-8 byte order mark").isEqualTo(CsvTable.BOM);
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    void flattensKeyAndValueIntoDottedColumnsWithOneHeaderRow() throws Exception {
        String text = csv("{\"key\":{\"period\":\"2026-W09\",\"stage\":\"lead\"},\"value\":{\"reached\":42,\"rate\":0.5}}",
                "{\"key\":{\"period\":\"2026-W09\",\"stage\":\"won\"},\"value\":{\"reached\":3,\"rate\":null}}");

        assertThat(text).isEqualTo("key.period,key.stage,value.reached,value.rate\r\n"
                + "2026-W09,lead,42,0.5\r\n"
                + "2026-W09,won,3,\r\n");
    }

    @Test
    void keepsNestedKeysBesideTheirSiblingsWhenALaterRowAddsOne() throws Exception {
        String text = csv("{\"value\":{\"reachedAt\":{\"lead\":\"t1\"},\"owner\":\"a\"}}",
                "{\"value\":{\"reachedAt\":{\"lead\":\"t2\",\"won\":\"t3\"},\"owner\":\"b\"}}");

        assertThat(text.lines().findFirst()).contains("value.reachedAt.lead,value.reachedAt.won,value.owner");
        assertThat(text).contains("t1,,a\r\n").contains("t2,t3,b\r\n");
    }

    @Test
    void quotesCommasQuotesAndNewlinesAsRfc4180() throws Exception {
        String text = csv("{\"a\":\"x,y\",\"b\":\"say \\\"hi\\\"\",\"c\":\"two\\nlines\",\"d\":\"线索获取\"}");

        assertThat(text).endsWith("\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",线索获取\r\n");
    }

    @Test
    void guardsTextThatASpreadsheetWouldRunAsAFormulaButNotNumbers() throws Exception {
        String text = csv("{\"a\":\"=HYPERLINK(1)\",\"b\":\"+1\",\"c\":\"-2+3\",\"d\":\"@SUM(A1)\",\"e\":-5.0,"
                + "\"f\":\"-12.50\",\"g\":\"\\tx\"}");

        assertThat(text.lines().skip(1).findFirst()).contains("'=HYPERLINK(1),'+1,'-2+3,'@SUM(A1),-5.0,-12.50,'\tx");
    }

    @Test
    void writesArraysAsTheirJsonInOneCell() throws Exception {
        String text = csv("{\"value\":{\"topLossReasons\":[{\"reason\":\"price\",\"count\":4}]}}");

        assertThat(text).isEqualTo("value.topLossReasons\r\n\"[{\"\"reason\"\":\"\"price\"\",\"\"count\"\":4}]\"\r\n");
    }
}

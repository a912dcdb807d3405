package dev.mlproj.batch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsCsvTest {

    private static final List<BatchResult> ROWS = List.of(
            Rows.assessed(1, "alice", 2, 1.0, 0.7, 0.125, 0.0, 0.0),
            Rows.failed(2, "bob, jr.", "clone file:///x failed:\n  not found"),
            new BatchResult(3, "carol", "../c", "v1", "", 1, "Notebook experiments",
                    java.util.Arrays.asList(1.0, 0.333, null, null, null), "data",
                    List.of(0.6, 0.4, 0.0, 0.0), List.of(), List.of("L2-tests"), 2, ""));

    @Test
    void writesOneRowPerRepositoryWithTheDocumentedColumns() {
        String csv = ResultsCsv.write(ROWS);
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("name,url,rev,input_row,commit,level,level_name,progress_1,progress_2,progress_3,"
                + "progress_4,progress_5,focus,share_data,share_models,share_architecture,share_product,roles,next,"
                + "scaffold_untouched,error");
        assertThat(lines[1]).isEqualTo("alice,file:///repos/alice,,1,0123456789abcdef0123456789abcdef01234567,2,Level 2 name,"
                + "1.000,0.700,0.125,0.000,0.000,models,0.250,0.500,0.125,0.125,Entry-level data scientist,L3-a; L3-b,0,");
        assertThat(lines[2]).isEqualTo("\"bob, jr.\",\"/missing/bob, jr.\",,2,,,,,,,,,,,,,,,,,clone file:///x failed: not found");
        assertThat(lines[3]).isEqualTo("carol,../c,v1,3,,1,Notebook experiments,1.000,0.333,,,,data,0.600,0.400,0.000,0.000,,L2-tests,2,");
        assertThat(lines).hasSize(4);
    }

    /** Issue 16.12: names starting =, +, @, - were written raw (assess's own CSV already neutralised them). */
    @Test
    void formulaLookingCellsAreNeutralisedAndReadBackAsWritten() throws BatchInputException {
        List<BatchResult> hostile = List.of(
                Rows.failed(1, "=HYPERLINK(\"http://evil\",\"x\")", "+1 failed"),
                Rows.failed(2, "@SUM(A1)", "-2"),
                Rows.failed(3, "-x", "\tTAB"),
                Rows.failed(4, "'=already quoted", "'plain"));

        String csv = ResultsCsv.write(hostile);

        for (String line : csv.split("\n")) {
            for (String cell : line.split(",")) {
                String bare = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(bare).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@").doesNotStartWith("-")
                        .doesNotStartWith("\t");
            }
        }
        assertThat(csv).contains("\"'=HYPERLINK(").contains("'@SUM(A1)").contains("''=already quoted").contains("''plain");
        assertThat(ResultsCsv.read("results.csv", csv)).isEqualTo(hostile);
    }

    @Test
    void readsBackExactlyWhatItWrote() throws BatchInputException {
        String csv = ResultsCsv.write(ROWS);
        List<BatchResult> read = ResultsCsv.read("shard.csv", csv);
        assertThat(read).isEqualTo(ROWS);
        assertThat(ResultsCsv.write(read)).isEqualTo(csv);
    }

    @Test
    void rejectsOtherHeadersAndBadValuesWithFileLineColumn() {
        String good = ResultsCsv.write(ROWS);
        assertThatThrownBy(() -> ResultsCsv.read("a.csv", "name,url\nx,y\n"))
                .hasMessage("a.csv:1:9: column 3 is '', expected 'rev': not an mlproj batch results file, or one from another version");
        assertThatThrownBy(() -> ResultsCsv.read("a.csv", good.replace(",error\n", ",error,extra\n")))
                .hasMessageStartingWith("a.csv:1:").hasMessageContaining("unexpected column 'extra'");
        assertThatThrownBy(() -> ResultsCsv.read("a.csv", good.replace(",1,0123456789", ",one,0123456789")))
                .hasMessage("a.csv:2:28: column 'input_row': 'one' is not a whole number");
        assertThatThrownBy(() -> ResultsCsv.read("a.csv", good.replace(",2,Level 2 name,1.000", ",7,Level 2 name,1.000")))
                .hasMessageEndingWith("column 'level': 7 is out of range 0-5");
        assertThatThrownBy(() -> ResultsCsv.read("a.csv", good.replace("1.000,0.700", "1.000,1.700")))
                .hasMessageEndingWith("column 'progress_2': 1.700 is not a fraction between 0 and 1");
        assertThatThrownBy(() -> ResultsCsv.read("a.csv", good.replace(",0,\n", ",0\n")))
                .hasMessage("a.csv:2:1: 20 fields, expected 21");
        assertThatThrownBy(() -> ResultsCsv.read("a.csv", ""))
                .hasMessageStartingWith("a.csv:1:1: empty file");
    }
}

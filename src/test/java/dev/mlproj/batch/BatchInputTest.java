package dev.mlproj.batch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchInputTest {

    private static List<BatchEntry> parse(String text) throws BatchInputException {
        return BatchInput.parse("cohort.csv", text);
    }

    @Test
    void readsNameUrlAndOptionalRevInAnyOrderAndCase() throws BatchInputException {
        List<BatchEntry> entries = parse("\uFEFFURL, Name ,rev,notes\nfile:///r/a,alice,v1,first\n\n  ../b  ,bob,,\n");
        assertThat(entries).containsExactly(
                new BatchEntry(0, 2, "alice", "file:///r/a", "v1"),
                new BatchEntry(1, 4, "bob", "../b", ""));
        assertThat(entries.get(1).row()).isEqualTo(2);
    }

    @Test
    void revColumnIsOptionalAndShortRecordsHaveNoRev() throws BatchInputException {
        assertThat(parse("name,url\na,./a\n")).containsExactly(new BatchEntry(0, 2, "a", "./a", ""));
        assertThat(parse("name,url,rev\na,./a\n")).containsExactly(new BatchEntry(0, 2, "a", "./a", ""));
    }

    @Test
    void quotedFieldsMayHoldCommasAndLineBreaksAndLinesAreCountedThroughThem() throws BatchInputException {
        List<BatchEntry> entries = parse("name,url,notes\n\"Smith, J.\",\"/repos/a,b\",\"two\nlines\"\nlast,/r/w,\n");
        assertThat(entries.get(0).name()).isEqualTo("Smith, J.");
        assertThat(entries.get(0).url()).isEqualTo("/repos/a,b");
        assertThat(entries.get(1).line()).isEqualTo(4);
        assertThatThrownBy(() -> parse("name,url,notes\na,/r/a,\"x\ny\"\n\"b\",\"\"\n"))
                .hasMessage("cohort.csv:4:5: empty url for 'b' (a local path or a git URL)");
        assertThatThrownBy(() -> parse("name,url\n\"x\ny\",z\n"))
                .hasMessage("cohort.csv:2:1: the name contains a line break or control character");
    }

    @Test
    void missingColumnsNameTheHeader() {
        assertThatThrownBy(() -> parse("name,repo\na,b\n"))
                .isInstanceOf(BatchInputException.class)
                .hasMessageStartingWith("cohort.csv:1:1: the header has no 'url' column (expected name,url and optionally rev; found name,repo)");
        assertThatThrownBy(() -> parse("alice,/r/a\n"))
                .hasMessageStartingWith("cohort.csv:1:1: the header has no 'name' column");
        assertThatThrownBy(() -> parse("name,url,URL\na,b,c\n"))
                .hasMessage("cohort.csv:1:10: column 'url' appears twice (also column 2)");
    }

    @Test
    void emptyFilesAndHeaderOnlyFilesAreRejected() {
        assertThatThrownBy(() -> parse("")).hasMessageStartingWith("cohort.csv:1:1: empty file");
        assertThatThrownBy(() -> parse("\n\n")).hasMessageStartingWith("cohort.csv:1:1: empty file");
        assertThatThrownBy(() -> parse("name,url\n")).hasMessage("cohort.csv:2:1: no repositories: the header is the only row");
    }

    @Test
    void emptyAndDuplicateNamesNameLineAndColumn() {
        assertThatThrownBy(() -> parse("url,name\n/r/a,alice\n/r/b,  \n"))
                .hasMessage("cohort.csv:3:6: empty name");
        assertThatThrownBy(() -> parse("url,name\n/r/a,alice\n/r/b\n"))
                .hasMessage("cohort.csv:3:5: empty name");
        assertThatThrownBy(() -> parse("name,url\nalice,/r/a\nbob,/r/b\n\"al\"\"ice\",/r/c\nalice,/r/d\n"))
                .hasMessage("cohort.csv:5:1: duplicate name 'alice' (first on line 2)");
    }

    @Test
    void emptyUrlIsRejected() {
        assertThatThrownBy(() -> parse("name,url,rev\nalice,,main\n"))
                .hasMessage("cohort.csv:2:7: empty url for 'alice' (a local path or a git URL)");
    }

    @Test
    void malformedCsvNamesTheLine() {
        assertThatThrownBy(() -> parse("name,url\nalice,\"/r/a\"x\n"))
                .hasMessageStartingWith("cohort.csv:2:1: malformed CSV: Invalid character between encapsulated token and delimiter");
        assertThatThrownBy(() -> parse("name,url\nalice,/r/a\nbob,\"/r/b\n"))
                .hasMessageStartingWith("cohort.csv:3:1: malformed CSV: EOF reached before encapsulated token finished");
    }
}

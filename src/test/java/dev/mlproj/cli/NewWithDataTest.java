package dev.mlproj.cli;

import dev.mlproj.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code new --data}: bad input is a clear message naming the file, line or flag, exit 2, and nothing written. */
class NewWithDataTest {

    @TempDir
    Path tmp;

    private Path csv(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String rows(int n) {
        StringBuilder out = new StringBuilder("x,colour,y\n");
        for (int i = 0; i < n; i++) {
            out.append(i * 0.5).append(',').append(i % 3 == 0 ? "red" : "blue").append(',').append(i % 2).append('\n');
        }
        return out.toString();
    }

    private Cli.Result refused(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(tmp.resolve("proj")).as("nothing written").doesNotExist();
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return r;
    }

    private String[] newArgs(Path data, String target, String... more) {
        String[] base = {"new", "proj", "--level", "2", "--data", data.toString(), "--target", target, "--dir", tmp.resolve("proj").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void missingFileIsNamed() {
        assertThat(refused(newArgs(tmp.resolve("absent.csv"), "y")).err()).contains("--data").contains("absent.csv").contains("no such file");
    }

    @Test
    void targetThatIsNotAColumnListsTheColumns() throws Exception {
        assertThat(refused(newArgs(csv("d.csv", rows(60)), "label")).err())
                .contains("--target label").contains("no such column").contains("x, colour, y");
    }

    @Test
    void emptyFileAndHeaderOnlyAreRefused() throws Exception {
        assertThat(refused(newArgs(csv("empty.csv", ""), "y")).err()).contains("empty.csv").contains("empty");
        assertThat(refused(newArgs(csv("header.csv", "x,y\n"), "y")).err()).contains("header.csv").contains("no rows");
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsIsNamedByLine() throws Exception {
        String text = rows(40).replace("\n2.0,blue,0\n", "\n2.0,blue\n");
        assertThat(refused(newArgs(csv("short.csv", text), "y")).err()).contains("short.csv:6:").contains("2 fields where the header has 3");
    }

    @Test
    void aMalformedQuoteIsNamedByLine() throws Exception {
        String text = rows(40).replace("\n3.0,red,0\n", "\n3.0,\"red\"x,0\n");
        assertThat(refused(newArgs(csv("quote.csv", text), "y")).err()).contains("quote.csv:8:").contains("malformed CSV");
    }

    @Test
    void flagCombinationsAreChecked() throws Exception {
        Path data = csv("d.csv", rows(60));
        assertThat(refused("new", "proj", "--target", "y", "--dir", tmp.resolve("proj").toString()).err()).contains("--target needs --data");
        assertThat(refused("new", "proj", "--data", data.toString(), "--dir", tmp.resolve("proj").toString()).err()).contains("--target");
        assertThat(refused("new", "proj", "--level", "5", "--data", data.toString(), "--target", "y", "--dir", tmp.resolve("proj").toString()).err())
                .contains("levels 2 to 4");
        assertThat(refused(newArgs(data, "y", "--task", "forecast")).err()).contains("--task forecast").contains("no date column");
        assertThat(refused(newArgs(data, "colour", "--task", "regression")).err()).contains("--target colour").contains("not numeric");
        assertThat(refused(newArgs(csv("few.csv", rows(10)), "y")).err()).contains("at least 30");
    }

    @Test
    void dryRunListsTheDatasetAndWritesNothing() throws Exception {
        Path data = csv("d.csv", rows(60));
        Cli.Result r = Cli.run(newArgs(data, "y", "--dry-run"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("data/raw/d.csv").contains("proj/schema.py").contains("classification of 'y'");
        assertThat(tmp.resolve("proj")).doesNotExist();
    }
}

package dev.mlproj.report;

import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16.10 and 16.17: text a repository supplies reaches no terminal as escape codes, and pings nobody in Markdown. */
class RepositoryTextTest {

    private static final String ESC = "\u001b";

    @Test
    void escapeCodesInFileNamesAndEvidenceAreShownNotSent(@TempDir Path dir) {
        FixtureRepo.plain(dir).file(ESC + "[2J.py", "import pandas as pd\nfrom sklearn.linear_model import Ridge\n"
                + "df = pd.read_csv('" + ESC + "]0;owned\u0007" + "\u009b31m.csv')\nRidge().fit(df[['x']], df['y'])\n");

        Cli.Result text = Cli.run("assess", "--verbose", dir.toString());
        Cli.Result markdown = Cli.run("assess", "--format", "markdown", "--verbose", dir.toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        for (String out : new String[] {text.out(), markdown.out()}) {
            assertThat(out).doesNotContain(ESC).doesNotContain("\u0007").doesNotContain("\u009b");
        }
        assertThat(text.out()).contains("\\x1b[2J.py:3").contains("\\x1b]0;owned\\x07\\x9b31m.csv");
        assertThat(Controls.visible("a\tb\u0000c\u007f")).isEqualTo("a\tb\\x00c\\x7f");
    }

    @Test
    void mentionsFromTheRepositoryNotifyNobodyInMarkdown(@TempDir Path dir) {
        FixtureRepo.plain(dir).file("train.py", "import pandas as pd\nfrom sklearn.linear_model import Ridge\n"
                + "df = pd.read_csv('@org/team.csv')\nRidge().fit(df[['x']], df['y'])\n");

        Cli.Result markdown = Cli.run("assess", "--format", "markdown", "--verbose", dir.toString());

        assertThat(markdown.exitCode()).as(markdown.err()).isZero();
        assertThat(markdown.out()).doesNotContainPattern("(?<![\\w`])@org/team").contains("@\u2060org/team");
    }
}

package dev.mlproj.scan;

import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.mlproj.testing.Assess.scan;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16.17: content that was read wrongly or silently rather than refused. */
class HostileContentTest {

    private static final String ML_CODE = "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
            + "df = pd.read_csv('d.csv')\nmodel = LogisticRegression().fit(df[['x']], df['y'])\n";

    /** {"cells":[[ was accepted as a notebook with no cells. */
    @Test
    void cellsThatAreNotObjectsMakeABrokenNotebookWithItsPlace(@TempDir Path dir) {
        FixtureRepo.plain(dir).file("a.ipynb", "{\"cells\":[[").file("b.ipynb", "{\"cells\":[1, 2], \"nbformat\": 4}")
                .file("c.ipynb", "{\"cells\":[], 5}").file("train.py", ML_CODE);

        RepoFacts facts = scan(dir);

        assertThat(facts.facts().byKey(FactType.READ_ERROR).get("notebook").samples())
                .extracting(Evidence::path).containsExactlyInAnyOrder("a.ipynb", "b.ipynb", "c.ipynb");
        assertThat(facts.warnings()).contains("a.ipynb: broken notebook, line 1, column 11: a cell must be a JSON object, not an array",
                "b.ipynb: broken notebook, line 1, column 11: a cell must be a JSON object, not a number");
        assertThat(facts.warnings()).anySatisfy(w -> assertThat(w).startsWith("c.ipynb: broken notebook, line 1, column"));
    }

    /** A Git LFS pointer was reported as a broken notebook. */
    @Test
    void anLfsPointerNotebookIsSaidToBeNotFetched(@TempDir Path dir) {
        FixtureRepo.plain(dir).file("eda.ipynb", "version https://git-lfs.github.com/spec/v1\n"
                + "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n").file("train.py", ML_CODE);

        RepoFacts facts = scan(dir);

        assertThat(facts.warnings()).contains("eda.ipynb: LFS pointer, not fetched (run git lfs pull to assess the notebook)")
                .noneSatisfy(w -> assertThat(w).contains("broken notebook"));
        assertThat(facts.facts().byKey(FactType.READ_ERROR).get("notebook").samples())
                .extracting(Evidence::detail).containsExactly("LFS pointer, not fetched");
    }

    /** A file with CR-only line ends was one line: every piece of evidence said line 1. CRLF kept its CR. */
    @Test
    void crOnlyAndCrlfLineEndsGiveTheRightLineNumbers(@TempDir Path dir) {
        FixtureRepo.plain(dir).file("mac.py", ML_CODE.replace("\n", "\r")).file("dos.py", ML_CODE.replace("\n", "\r\n"));

        RepoFacts facts = scan(dir);

        assertThat(facts.facts().byKey(FactType.IMPORT).get("pandas").samples())
                .extracting(e -> e.path() + ":" + e.line() + ":" + e.detail())
                .contains("mac.py:1:import pandas", "dos.py:1:import pandas");
        assertThat(facts.facts().byKey(FactType.IMPORT).values().stream().flatMap(b -> b.samples().stream())
                .map(e -> e.path() + ":" + e.line()).toList()).contains("mac.py:2", "dos.py:2");
    }
}

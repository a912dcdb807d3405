package dev.mlproj.scan;

import dev.mlproj.assess.Evaluator;
import dev.mlproj.report.JsonReport;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.testing.Assess;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * history reuses what the previous point learnt (facts of unchanged blobs, parsed trees, blob sizes); each of
 * its points must still be exactly what an assessment of that commit alone finds, whichever points are asked
 * for and whatever changed in between.
 */
class HistoryIncrementalTest {

    private static final List<PatternQuery> QUERIES = RubricLoader.queries(Assess.rubric());

    /** The facts and the whole report, but for how many files were read: reusing facts is the point. */
    private static String assessed(RepoFacts facts) {
        String report = JsonReport.render(new Evaluator(Assess.rubric()).evaluate(facts, null), "repo", "test");
        return FactDump.of(facts, QUERIES) + report.replaceAll("\"(filesRead|bytesRead)\" : \\d+", "\"$1\" : -");
    }

    /** A fresh scan of one commit, sharing nothing with any other. */
    private static String alone(Path dir, int index) throws ScanException {
        try (HistoryScan fresh = new Scanner().history(dir, QUERIES, false)) {
            return assessed(fresh.scan(fresh.commits().get(index)));
        }
    }

    @Test
    void everyPointEqualsAnAssessmentOfItsCommitAlone(@TempDir Path dir) throws Exception {
        String train = "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\n"
                + "df = pd.read_csv('data/train.csv')\nm = LogisticRegression().fit(df[['a']], df['b'])\n";
        FixtureRepo.git(dir)
                .file("train.py", train)
                .file("data/train.csv", "a,b\n1,0\n")
                .commit("1: a script and its data")
                .file("src/churn/__init__.py", "")
                .file("src/churn/features.py", "import pandas as pd\n\ndef build(df):\n    return df.fillna(0)\n")
                .file("tests/test_features.py", "from churn.features import build\n\ndef test_build():\n    assert build is not None\n")
                .file("requirements.txt", "pandas==2.2.0\nscikit-learn==1.4.0\n")
                .commit("2: a package, a test, pinned requirements (adds in new directories)")
                .file("src/churn/features.py", "import pandas as pd\n\n\ndef build(df):\n    return df.dropna()\n")
                .file("configs/train.yaml", "model:\n  C: 1.0\n")
                .commit("3: a modification and a config")
                .delete("train.py")
                .file("src/churn/train.py", train)
                .commit("4: train.py renamed into the package, same bytes")
                .delete("tests")
                .file("Dockerfile", "FROM python:3.11-slim\nCOPY . /app\nCMD [\"python\", \"-m\", \"churn.train\"]\n")
                .commit("5: the tests deleted with their directory, a Dockerfile added")
                .file("env/pyvenv.cfg", "home = /usr/bin\n")
                .file("env/lib/site.py", "import torch\n")
                .file("tests/test_train.py", "import pytest\n\ndef test_fit():\n    assert True\n")
                .commit("6: a committed virtual environment (never the author's work), tests back")
                .delete("env/pyvenv.cfg")
                .commit("7: the same directory, no longer a virtual environment");
        int n;
        try (HistoryScan probe = new Scanner().history(dir, QUERIES, true)) {
            n = probe.commits().size();
        }
        assertThat(n).isEqualTo(7);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(alone(dir, i));
        }

        try (HistoryScan history = new Scanner().history(dir, QUERIES, true)) {
            for (int i = 0; i < n; i++) {
                assertThat(assessed(history.scan(history.commits().get(i)))).as("commit %d of every commit", i + 1)
                        .isEqualTo(expected.get(i));
            }
            assertThat(history.cacheStats().hits()).as("unchanged files reused").isPositive();
        }
        // Points far apart, and asked for out of order, reuse less but never differ.
        try (HistoryScan history = new Scanner().history(dir, QUERIES, true)) {
            for (int i : new int[] {0, 3, 6, 2, 5}) {
                assertThat(assessed(history.scan(history.commits().get(i)))).as("commit %d, sampled", i + 1)
                        .isEqualTo(expected.get(i));
            }
        }
    }
}

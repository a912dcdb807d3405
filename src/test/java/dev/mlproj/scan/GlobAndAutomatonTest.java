package dev.mlproj.scan;

import com.google.re2j.Pattern;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.testing.Assess;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlobAndAutomatonTest {

    @Test
    void globsFollowTheUsualRules() {
        assertThat(Glob.anyMatches(List.of(Glob.of("**/*.md")), "README.md")).isTrue();
        assertThat(Glob.anyMatches(List.of(Glob.of("**/*.md")), "docs/a/b.md")).isTrue();
        assertThat(Glob.anyMatches(List.of(Glob.of("docs/*.md")), "docs/a/b.md")).isFalse();
        assertThat(Glob.anyMatches(List.of(Glob.of("**/test_*.py")), "pkg/tests/test_x.py")).isTrue();
        assertThat(Glob.anyMatches(List.of(Glob.of("*.{yml,yaml}")), "ci/x.yaml")).isTrue();
        assertThat(Glob.anyMatches(List.of(Glob.of("**/Dockerfile*")), "deploy/Dockerfile.gpu")).isTrue();
        assertThat(Glob.anyMatches(List.of(Glob.of("a+b.txt")), "a+b.txt")).isTrue();
        assertThat(Glob.anyMatches(List.of(Glob.of("**/*batch*.py")), "src/pkg/nightly_batch_job.py")).isTrue();
        assertThat(Glob.anyMatches(List.of(Glob.of("**/*batch*.py")), "src/batch/job.py")).isFalse();
        assertThat(Glob.anyMatches(List.of(Glob.of("**/pipeline*.py")), "pipeline.py")).isTrue();
        assertThat(Glob.anyMatches(List.of(Glob.of("**/pipeline*.py")), "my_pipeline.py")).isFalse();
        assertThat(Glob.anyMatches(List.of(Glob.of("ab*ab")), "ab")).isFalse();
        assertThat(Glob.anyMatches(List.of(Glob.of("**/MODEL_CARD*")), "docs/MODEL_CARD.md")).isTrue();
        assertThatThrownBy(() -> Glob.of("{a,b")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The endsWith shortcut only ever turns away paths the glob cannot match, by path or by name. */
    @Test
    void theLiteralTailShortcutAgreesWithTheFullMatch() {
        assertThat(Glob.literalTail(".github/workflows/*.yml")).isEqualTo(".yml");
        assertThat(Glob.literalTail("**/*.{yml,yaml}")).isEmpty();
        assertThat(Glob.literalTail("**/Dockerfile*")).isEmpty();
        assertThat(Glob.literalTail("docs/[ab].md")).isEqualTo(".md");
        assertThat(Glob.literalTail("requirements.txt")).isEqualTo("requirements.txt");
        assertThat(Glob.longestLiteral("**/configs/*.py")).isEqualTo("configs/");
        assertThat(Glob.longestLiteral("docs/**/index.md")).isEqualTo("index.md");
        assertThat(Glob.longestLiteral("src/{a,bcdef}/x.py")).isEqualTo("/x.py");
        assertThat(Glob.longestLiteral("[Dd]ockerfile")).isEqualTo("ockerfile");
        assertThat(Glob.longestLiteral("**/*")).isEmpty();
        List<String> globs = List.of(".github/workflows/*.yml", "**/config/*.py", "**/*", "docs/**/index.md", "a/**/b", "**/configs/*.py", "src/{a,bcdef}/x.py", "**/k8s/**/*.yaml", "src/**/test_*.py", "[Dd]ockerfile",
                "**/requirements*.txt", "notebooks/*.ipynb", "**/*.tf", "conf/*/*.yaml");
        List<String> paths = List.of(".github/workflows/ci.yml", "deploy/k8s/base/api.yaml", "deploy/k8s/base/api.yml",
                "src/pkg/tests/test_x.py", "Dockerfile", "dockerfile", "svc/Dockerfile", "requirements-dev.txt",
                "a/requirements.txt", "notebooks/01.ipynb", "notebooks/x/01.ipynb", "infra/main.tf", "conf/a/b.yaml",
                "conf/b.yaml", "x.yml", "ci.yml", "test_x.py", "pkg/config/settings.py", "config/a.py", "configs/b.py",
                "src/configs/c.py", "src/bcdef/x.py", "src/a/x.py", "src/ab/x.py", "README.md", "docs/index.md",
                "docs/a/index.md", "a/b", "a/c/b");
        for (String glob : globs) {
            java.util.regex.Pattern full = java.util.regex.Pattern.compile(Glob.toRegex(glob));
            for (String path : paths) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                boolean expected = full.matcher(path).matches() || full.matcher(name).matches();
                assertThat(Glob.anyMatches(List.of(Glob.of(glob)), path)).as("%s ~ %s", glob, path).isEqualTo(expected);
            }
        }
    }

    /** The automaton may propose extra lines, never miss one the pattern matches. */
    @Test
    void automatonCandidatesCoverEveryMatchingLine() {
        List<PatternQuery> queries = RubricLoader.queries(Assess.rubric());
        List<LiteralPrefilter> prefilters = queries.stream().map(q -> LiteralPrefilter.of(q.pattern().pattern())).toList();
        LiteralAutomaton automaton = LiteralAutomaton.build(prefilters);
        String text = String.join("\n", sampleLines());
        boolean[] all = new boolean[queries.size()];
        Arrays.fill(all, true);
        BitSet[] candidates = automaton.candidates(text, all);
        String[] lines = text.split("\n", -1);
        for (int q = 0; q < queries.size(); q++) {
            Pattern regex = queries.get(q).pattern();
            for (int i = 0; i < lines.length; i++) {
                if (regex.matcher(lines[i]).find()) {
                    assertThat(candidates[q].get(i)).as("%s misses line %s", regex.pattern(), lines[i]).isTrue();
                }
            }
        }
    }

    private static List<String> sampleLines() {
        List<String> lines = new ArrayList<>(List.of(
                "search = GridSearchCV(model, param_grid)", "df = pd.read_csv('x.csv')", "model.fit(X, y)",
                "mlflow.sklearn.log_model(m, 'model', registered_model_name='m')", "class Net(nn.Module):",
                "@app.post('/predict')", "stat, p = ks_2samp(a, b)", "torch.manual_seed(0)", "np.random.seed(0)",
                "| Paper | 91.2 | Ours | 90.8 |", "## Known Biases", "clf = LogisticRegression(class_weight='balanced')",
                "Walk-Forward validation", "def retrain_if_drift():", "HEALTHCHECK CMD curl -f http://localhost/health",
                "X_train, X_val = split(X)", "train, val, test = temporal_split(df)", "Throughput: 1200 requests/s",
                "TRAINED IN 3 minutes", "loss.backward()", "x = StackingClassifier(estimators)", "ablation: no_gating",
                "python -m churn.pipeline", "contrastive = InfoNCE()", "ÜberModel = 1  # é ü", "x = 1"));
        // Random ASCII noise around real lines guards the automaton's failure links.
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            String base = lines.get(random.nextInt(26));
            int cut = random.nextInt(base.length() + 1);
            lines.add(randomWord(random) + base.substring(cut) + " " + base.substring(0, cut) + randomWord(random));
        }
        return lines;
    }

    private static String randomWord(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}

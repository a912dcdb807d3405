package dev.mlproj.scan;

import com.google.re2j.Pattern;
import dev.mlproj.testing.Assess;
import dev.mlproj.rubric.RubricLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralPrefilterTest {

    @Test
    void derivesLiteralsFromAlternationsAndGroups() {
        LiteralPrefilter p = LiteralPrefilter.of("\\b(GridSearchCV|RandomizedSearchCV)\\b|\\boptuna\\.create_study\\s*\\(");
        assertThat(p).isNotNull();
        assertThat(p.mayMatch("search = GridSearchCV(model)")).isTrue();
        assertThat(p.mayMatch("study = optuna.create_study()")).isTrue();
        assertThat(p.mayMatch("x = 1")).isFalse();
    }

    @Test
    void optionalPartsAreNotRequired() {
        LiteralPrefilter p = LiteralPrefilter.of("colou?r_map");
        assertThat(p.mayMatch("color_map = 1")).isTrue();
        assertThat(LiteralPrefilter.of("(abc)?de")).isNull();
    }

    @Test
    void caseInsensitivePatternsUseLowerCase() {
        LiteralPrefilter p = LiteralPrefilter.of("(?i)retrain\\w*");
        assertThat(p.caseInsensitive()).isTrue();
        assertThat(p.mayMatch("def retrain_model():".toLowerCase(Locale.ROOT))).isTrue();
    }

    /** Soundness: for every rubric pattern, a line the regex matches is never rejected by the prefilter. */
    @Test
    void neverRejectsALineTheRegexMatches() {
        List<String> lines = List.of(
                "search = GridSearchCV(model, param_grid)", "df = pd.read_csv('x.csv')", "model.fit(X, y)",
                "mlflow.sklearn.log_model(m, 'model', registered_model_name='m')", "class Net(nn.Module):",
                "@app.post('/predict')", "stat, p = ks_2samp(a, b)", "torch.manual_seed(0)", "np.random.seed(0)",
                "| Paper | 91.2 | Ours | 90.8 |", "## Known biases", "clf = LogisticRegression(class_weight='balanced')",
                "Walk-forward validation", "def retrain_if_drift():", "HEALTHCHECK CMD curl -f http://localhost/health",
                "return {'status': 'ok'}  # '/health'", "throughput: 1200 requests/s", "trained in 3 minutes",
                "loss.backward()", "x = StackingClassifier(estimators)", "ablation: no_gating");
        for (PatternQuery q : RubricLoader.queries(Assess.rubric())) {
            Pattern regex = q.pattern();
            LiteralPrefilter prefilter = LiteralPrefilter.of(regex.pattern());
            if (prefilter == null) {
                continue;
            }
            for (String line : lines) {
                if (regex.matcher(line).find()) {
                    String text = prefilter.caseInsensitive() ? line.toLowerCase(Locale.ROOT) : line;
                    assertThat(prefilter.mayMatch(text)).as("%s on %s", regex.pattern(), line).isTrue();
                }
            }
        }
    }

    @Test
    void mostRubricPatternsGetAPrefilter() {
        List<PatternQuery> queries = RubricLoader.queries(Assess.rubric());
        long filtered = queries.stream().filter(q -> LiteralPrefilter.of(q.pattern().pattern()) != null).count();
        assertThat(filtered).isGreaterThanOrEqualTo(queries.size() * 3 / 4);
    }
}

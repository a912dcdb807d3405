package dev.mlproj.assess;

import dev.mlproj.config.ConfigException;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.scan.Evidence;
import dev.mlproj.scan.FactStore;
import dev.mlproj.scan.FactType;
import dev.mlproj.scan.GitFacts;
import dev.mlproj.scan.RepoFacts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The level rule on hand-built facts: no I/O, every branch of the policy. */
class LevelPolicyTest {

    /** A tiny rubric: two criteria per level, thresholds 0.5; level 3 is defined by its criterion c1. */
    private static final String RUBRIC = """
            rubric: tiny
            levels:
              - {level: 1, name: One, threshold: 0.5}
              - {level: 2, name: Two, threshold: 0.5, roles: [Junior]}
              - level: 3
                name: Three
                threshold: 0.5
                roles: [Researcher]
                defining: {practice: a network of its own, source: s, detect: {criterion: c1}}
            rule:
              mlProject: {fact: IMPORT, keys: [sklearn]}
            focusAreas:
              - {id: data, title: Data, split: {data: [50, 60], models: [20, 30], architecture+product: [20, 30]}}
              - {id: models, title: Models, split: {data: [25, 25], models: [50, 50], architecture+product: [25, 25]}}
            criteria:
            """ + criterion("a1", 1, "data", "NOTEBOOK") + criterion("a2", 1, "models", "README")
            + criterion("b1", 2, "data", "DOCKERFILE") + criterion("b2", 2, "architecture", "CI_JOB")
            + criterion("c1", 3, "models", "NN_MODULE") + criterion("c2", 3, "models", "PAPER");

    private static String criterion(String id, int level, String focus, String fact) {
        return "  - {id: " + id + ", title: " + id + ", level: " + level + ", focus: " + focus + ", why: w, source: s, detection: d, fix: f, detect: {fact: " + fact + "}}\n";
    }

    private static Rubric rubric() throws ConfigException {
        return new RubricLoader().parse("tiny.yaml", RUBRIC, null);
    }

    private static RepoFacts facts(FactType... types) {
        FactStore store = new FactStore();
        store.add(FactType.IMPORT, "sklearn.linear_model", new Evidence("m.py", 1, "import sklearn"));
        for (FactType t : types) {
            store.add(t, "k", new Evidence("f", 1, t.name()));
        }
        return new RepoFacts("/repo", List.of(), store, GitFacts.none("test"), List.of(), 0, 0);
    }

    @Test
    void notAnMlProjectIsLevelZeroWhateverElseItHas() throws Exception {
        FactStore store = new FactStore();
        store.add(FactType.DOCKERFILE, "Dockerfile", new Evidence("Dockerfile", 1, "FROM x"));
        RepoFacts facts = new RepoFacts("/repo", List.of(), store, GitFacts.none("test"), List.of(), 0, 0);

        Assessment a = new Evaluator(rubric()).evaluate(facts, null);

        assertThat(a.mlProject()).isFalse();
        assertThat(a.level()).isZero();
        assertThat(a.next()).extracting(r -> r.criterion().id()).containsExactly("a1", "a2");
    }

    @Test
    void anMlProjectIsAtLeastLevelOne() throws Exception {
        Assessment a = new Evaluator(rubric()).evaluate(facts(), null);
        assertThat(a.level()).isEqualTo(1);
        assertThat(a.progressOf(1).passed()).isFalse();
    }

    @Test
    void lowerLevelsAreGapsNotPrerequisites() throws Exception {
        // Level 2 passes on its own while level 1 does not: level 2, with level 1's unmet criteria as gaps.
        Assessment a = new Evaluator(rubric()).evaluate(facts(FactType.DOCKERFILE, FactType.CI_JOB), null);
        assertThat(a.progressOf(1).passed()).isFalse();
        assertThat(a.level()).isEqualTo(2);
        assertThat(a.gaps()).extracting(r -> r.criterion().id()).containsExactly("a1", "a2");
        assertThat(a.next()).extracting(r -> r.criterion().id()).containsExactly("c1", "c2");

        Assessment b = new Evaluator(rubric()).evaluate(facts(FactType.NOTEBOOK, FactType.DOCKERFILE), null);
        assertThat(b.level()).isEqualTo(2);
        assertThat(b.gaps()).isEmpty();
        assertThat(b.progress()).extracting(LevelProgress::fraction).containsExactly(0.5, 0.5, 0.0);
        assertThat(b.roles()).containsExactly("Junior");
    }

    @Test
    void aLevelNeedsItsDefiningPractice() throws Exception {
        // Level 3's threshold is met by c2 alone, but its defining practice (c1) is missing.
        Assessment a = new Evaluator(rubric()).evaluate(facts(FactType.NOTEBOOK, FactType.DOCKERFILE, FactType.PAPER), null);
        assertThat(a.progressOf(3).passed()).isTrue();
        assertThat(a.progressOf(3).definingMet()).isFalse();
        assertThat(a.progressOf(3).reached()).isFalse();
        assertThat(a.level()).isEqualTo(2);
        assertThat(a.next()).extracting(r -> r.criterion().id()).containsExactly("c1");
    }

    @Test
    void aLevelThatHoldsTheLevelBelowPlacesItsPracticesWithoutTheDefiningOneOneLevelDown() throws Exception {
        // Level 3's criteria pass on c2 alone; level 2's do not. Without holdsLevelBelow: level 1.
        RepoFacts facts = facts(FactType.NOTEBOOK, FactType.PAPER);
        assertThat(new Evaluator(rubric()).evaluate(facts, null).level()).isEqualTo(1);

        String holding = RUBRIC.replace("detect: {criterion: c1}}", "detect: {criterion: c1}, holdsLevelBelow: true}");
        Rubric rubric = new RubricLoader().parse("tiny.yaml", holding, null);
        Assessment a = new Evaluator(rubric).evaluate(facts, null);
        assertThat(a.level()).isEqualTo(2);
        assertThat(a.progressOf(2).reached()).isFalse();
        // Not when the level below lacks its own defining practice (a notebook with a demo page stays level 1).
        String belowDefined = holding.replace("{level: 2, name: Two, threshold: 0.5, roles: [Junior]}",
                "{level: 2, name: Two, threshold: 0.5, roles: [Junior], defining: {practice: p, source: s, detect: {criterion: b2}}}");
        assertThat(new Evaluator(new RubricLoader().parse("tiny.yaml", belowDefined, null)).evaluate(facts, null).level()).isEqualTo(1);
        // With the defining practice the level itself is reached, as before.
        assertThat(new Evaluator(rubric).evaluate(facts(FactType.NOTEBOOK, FactType.NN_MODULE), null).level()).isEqualTo(3);

        String bad = RUBRIC.replace("detect: {criterion: c1}}", "detect: {criterion: c1}, holdsLevelBelow: maybe}");
        assertThatThrownBy(() -> new RubricLoader().parse("tiny.yaml", bad, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'holdsLevelBelow' must be true or false");
    }

    @Test
    void holdsWhenAlsoHoldsTheLevelBelowWithoutItsDefiningPractice() throws Exception {
        // Level 2 is defined by b2 (absent); level 3's criteria pass on c2 without c1. holdsWhen (a2 here,
        // as "a model served but not packaged" in the built-in rubric) places the project at level 2.
        String rubric = RUBRIC
                .replace("{level: 2, name: Two, threshold: 0.5, roles: [Junior]}",
                        "{level: 2, name: Two, threshold: 0.5, roles: [Junior], defining: {practice: p, source: s, detect: {criterion: b2}}}")
                .replace("detect: {criterion: c1}}", "detect: {criterion: c1}, holdsLevelBelow: true, holdsWhen: {criterion: a2}}");
        Rubric parsed = new RubricLoader().parse("tiny.yaml", rubric, null);

        assertThat(new Evaluator(parsed).evaluate(facts(FactType.README, FactType.PAPER), null).level()).isEqualTo(2);
        assertThat(new Evaluator(parsed).evaluate(facts(FactType.NOTEBOOK, FactType.PAPER), null).level()).isEqualTo(1);

        String orphan = RUBRIC.replace("detect: {criterion: c1}}", "detect: {criterion: c1}, holdsWhen: {criterion: a2}}");
        assertThatThrownBy(() -> new RubricLoader().parse("tiny.yaml", orphan, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("holdsWhen needs holdsLevelBelow: true");
        String unknown = rubric.replace("holdsWhen: {criterion: a2}", "holdsWhen: {criterion: zz}");
        assertThatThrownBy(() -> new RubricLoader().parse("tiny.yaml", unknown, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown criterion 'zz'");
    }

    @Test
    void aLevelReachedAboveAnUnreachedOneIsTheResearchTrackAtTheTop() throws Exception {
        Assessment a = new Evaluator(rubric()).evaluate(facts(FactType.NOTEBOOK, FactType.NN_MODULE), null);
        assertThat(a.progressOf(2).passed()).isFalse();
        assertThat(a.level()).isEqualTo(3);
        assertThat(a.researchTrack()).isTrue();
        assertThat(a.roles()).containsExactly("Researcher");
        assertThat(a.gaps()).extracting(r -> r.criterion().id()).containsExactly("b1", "b2");
        assertThat(a.next()).isEmpty();

        Assessment b = new Evaluator(rubric()).evaluate(facts(FactType.NOTEBOOK, FactType.DOCKERFILE, FactType.NN_MODULE), null);
        assertThat(b.level()).isEqualTo(3);
        assertThat(b.researchTrack()).isFalse();
        assertThat(b.roles()).containsExactly("Junior", "Researcher");
    }

    @Test
    void anUndefinedCriterionInADefiningPracticeIsAConfigurationError() {
        String bad = RUBRIC.replace("detect: {criterion: c1}}", "detect: {criterion: nope}}");
        assertThatThrownBy(() -> new RubricLoader().parse("tiny.yaml", bad, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tiny.yaml:")
                .hasMessageContaining("unknown criterion 'nope'");
    }

    @Test
    void focusSharesAreNormalisedCoverage() throws Exception {
        Assessment a = new Evaluator(rubric()).evaluate(facts(FactType.NOTEBOOK, FactType.DOCKERFILE), null);
        FocusReport f = a.focus();
        assertThat(f.dominant()).isEqualTo("data");
        assertThat(f.shares().get("data")).isEqualTo(1.0);
        assertThat(f.comparison()).first().satisfies(c -> {
            assertThat(c.areas()).isEqualTo("data");
            assertThat(c.actual()).isEqualTo(100);
            assertThat(c.status()).isEqualTo("above");
        });
        assertThat(new Evaluator(rubric()).evaluate(facts(FactType.NOTEBOOK), "models").focus())
                .satisfies(d -> {
                    assertThat(d.dominant()).isEqualTo("models");
                    assertThat(d.declared()).isTrue();
                });
    }

    @Test
    void readErrorsMakeAnErrorOutcomeThatCountsAsNotMet() throws Exception {
        RepoFacts facts = facts();
        facts.facts().add(FactType.READ_ERROR, "notebook", new Evidence("nb.ipynb", 0, "broken notebook"));

        Assessment a = new Evaluator(rubric()).evaluate(facts, null);

        CriterionResult a1 = a.results().get(0);
        assertThat(a1.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(a1.evidence()).extracting(Evidence::path).containsExactly("nb.ipynb");
        assertThat(a.progressOf(1).applicableCount()).isEqualTo(2);
    }
}

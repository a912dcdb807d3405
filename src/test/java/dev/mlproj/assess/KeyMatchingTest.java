package dev.mlproj.assess;

import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.scan.Evidence;
import dev.mlproj.scan.FactStore;
import dev.mlproj.scan.FactType;
import dev.mlproj.scan.GitFacts;
import dev.mlproj.scan.RepoFacts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How detector keys match fact keys: imports by module prefix, module names by their words, '*' as a wildcard. */
class KeyMatchingTest {

    private static final String RUBRIC = """
            rubric: keys
            levels:
              - {level: 1, name: One, threshold: 0.5}
              - {level: 2, name: Two, threshold: 0.5}
            rule:
              mlProject: {fact: IMPORT, keys: [sklearn]}
            focusAreas:
              - {id: data, title: Data, split: {data: [50, 60], models: [20, 30], architecture+product: [20, 30]}}
            criteria:
              - {id: torch, title: t, level: 1, focus: data, why: w, source: s, detection: d, fix: f, detect: {imports: [torch]}}
              - {id: train, title: t, level: 1, focus: data, why: w, source: s, detection: d, fix: f, detect: {fact: PYTHON_MODULE, keys: [train]}}
              - {id: loader, title: t, level: 1, focus: data, why: w, source: s, detection: d, fix: f, detect: {fact: PYTHON_MODULE, keys: [data_loader]}}
              - {id: compute, title: t, level: 1, focus: data, why: w, source: s, detection: d, fix: f, detect: {fact: TERRAFORM_RESOURCE, keys: ['aws_sagemaker_*', '*kubernetes_cluster*', 'aws_*_function']}}
            """;

    private static boolean met(String criterion, FactType type, String key) throws Exception {
        FactStore store = new FactStore();
        store.add(FactType.IMPORT, "sklearn", new Evidence("m.py", 1, "import sklearn"));
        store.add(type, key, new Evidence("x.py", 1, key));
        RepoFacts facts = new RepoFacts("/repo", List.of(), store, GitFacts.none("test"), List.of(), 0, 0);
        Assessment a = new Evaluator(new RubricLoader().parse("keys.yaml", RUBRIC, null)).evaluate(facts, null);
        return a.results().stream().filter(r -> r.criterion().id().equals(criterion)).findFirst().orElseThrow().isMet();
    }

    @Test
    void importsMatchTheModuleAndItsSubmodulesOnly() throws Exception {
        assertThat(met("torch", FactType.IMPORT, "torch")).isTrue();
        assertThat(met("torch", FactType.IMPORT, "torch.nn")).isTrue();
        assertThat(met("torch", FactType.IMPORT, "torchvision")).isFalse();
        assertThat(met("torch", FactType.IMPORT, "tor")).isFalse();
    }

    @Test
    void moduleNamesMatchByTheirWords() throws Exception {
        assertThat(met("train", FactType.PYTHON_MODULE, "train")).isTrue();
        assertThat(met("train", FactType.PYTHON_MODULE, "train_ssl")).isTrue();
        assertThat(met("train", FactType.PYTHON_MODULE, "ssl_train_v2")).isTrue();
        assertThat(met("train", FactType.PYTHON_MODULE, "pretrain")).isFalse();
        assertThat(met("train", FactType.PYTHON_MODULE, "training")).isFalse();
        // A key that is itself several words matches a module of exactly that name.
        assertThat(met("loader", FactType.PYTHON_MODULE, "data_loader")).isTrue();
        assertThat(met("loader", FactType.PYTHON_MODULE, "my_data_loader")).isFalse();
    }

    @Test
    void aStarMatchesAnyRunOfCharacters() throws Exception {
        assertThat(met("compute", FactType.TERRAFORM_RESOURCE, "aws_sagemaker_endpoint")).isTrue();
        assertThat(met("compute", FactType.TERRAFORM_RESOURCE, "AWS_SAGEMAKER_MODEL")).isTrue();
        assertThat(met("compute", FactType.TERRAFORM_RESOURCE, "yandex_kubernetes_cluster")).isTrue();
        assertThat(met("compute", FactType.TERRAFORM_RESOURCE, "azurerm_kubernetes_cluster_node_pool")).isTrue();
        assertThat(met("compute", FactType.TERRAFORM_RESOURCE, "aws_lambda_function")).isTrue();
        assertThat(met("compute", FactType.TERRAFORM_RESOURCE, "aws_iam_role")).isFalse();
        assertThat(met("compute", FactType.TERRAFORM_RESOURCE, "aws_lambda_permission")).isFalse();
        assertThat(met("compute", FactType.TERRAFORM_RESOURCE, "my_aws_sagemaker_model")).isFalse();
    }

    @Test
    void wildcardsAreExactAtBothEnds() {
        assertThat(DetectorEvaluator.wildcardMatches("abc", "*")).isTrue();
        assertThat(DetectorEvaluator.wildcardMatches("abc", "a*c")).isTrue();
        assertThat(DetectorEvaluator.wildcardMatches("ac", "a*c")).isTrue();
        assertThat(DetectorEvaluator.wildcardMatches("abcd", "a*c")).isFalse();
        assertThat(DetectorEvaluator.wildcardMatches("xabc", "a*")).isFalse();
        assertThat(DetectorEvaluator.wildcardMatches("a_b_c_b", "*b*b")).isTrue();
        assertThat(DetectorEvaluator.wildcardMatches("aXbXc", "a*b*c")).isTrue();
        assertThat(DetectorEvaluator.wildcardMatches("acb", "a*b*c")).isFalse();
        assertThat(DetectorEvaluator.wildcardMatches("abc", "abc*")).isTrue();
    }
}

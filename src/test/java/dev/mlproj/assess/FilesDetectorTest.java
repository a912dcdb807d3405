package dev.mlproj.assess;

import dev.mlproj.rubric.Detector;
import dev.mlproj.scan.Evidence;
import dev.mlproj.scan.FactStore;
import dev.mlproj.scan.FileKind;
import dev.mlproj.scan.GitFacts;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.RepoFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** File detectors on hand-built inventories, small and large (the large ones are matched on every core). */
class FilesDetectorTest {

    private static RepoFacts inventory(int modules) {
        List<RepoFile> files = new ArrayList<>();
        for (int i = 0; i < modules; i++) {
            files.add(new RepoFile("pkg" + (i / 100) + "/m" + i + ".py", 200, FileKind.of("m.py")));
            if (i % 997 == 5) {
                files.add(new RepoFile("pkg" + (i / 100) + "/conf" + i + ".yaml", i % 2 == 0 ? 0 : 50, FileKind.of("c.yaml")));
            }
        }
        return new RepoFacts("/repo", files, new FactStore(), GitFacts.none("test"), List.of(), 0, 0);
    }

    private static List<String> paths(List<Evidence> evidence) {
        return evidence.stream().map(Evidence::path).toList();
    }

    @Test
    void evidenceComesInFileOrderWhetherTheFilesAreMatchedOnOneThreadOrMany() {
        Detector.Files yaml = new Detector.Files(List.of("**/*.yaml", "**/*.yml"), 2, 10);
        for (int modules : new int[] {3000, 60_000}) {
            RepoFacts facts = inventory(modules);
            List<String> expected = facts.files().stream().filter(f -> f.path().endsWith(".yaml") && f.size() >= 10)
                    .map(RepoFile::path).limit(5).toList();
            List<String> empty = facts.files().stream().filter(f -> f.path().endsWith(".yaml") && f.size() < 10)
                    .map(RepoFile::path).limit(5).toList();
            DetectorEvaluator evaluator = new DetectorEvaluator(facts, id -> null);
            Verdict verdict = evaluator.evaluate(yaml);
            assertThat(paths(verdict.evidence())).as("%d modules", modules).isEqualTo(expected).isNotEmpty();
            assertThat(verdict.met()).isTrue();
            // Asked again (another criterion with the same globs): the same answer.
            assertThat(paths(evaluator.evaluate(new Detector.Files(List.of("**/*.yaml", "**/*.yml"), 1000, 10)).notCounted()))
                    .isEqualTo(empty).isNotEmpty();
        }
    }

    @Test
    void tooFewFilesIsUnmetWithTheEmptyOnesShown() {
        RepoFacts facts = inventory(3000);
        Verdict verdict = new DetectorEvaluator(facts, id -> null).evaluate(new Detector.Files(List.of("**/*.yaml"), 3, 10));
        assertThat(verdict.met()).isFalse();
        assertThat(paths(verdict.notCounted())).containsExactly("pkg10/conf1002.yaml", "pkg29/conf2996.yaml");
    }
}

package dev.mlproj.generated;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `mlproj next` with the built-in templates on the level-2 and level-4 examples and on a generated level-3
 * project, and the provenance gate on `new`.
 */
class NextOnExampleIT {

    private static final Path EXAMPLE = Path.of("examples/level2-churn-pipeline");
    private static final Path LEVEL4_EXAMPLE = Path.of("examples/level4-fraud-platform");

    @TempDir
    Path tmp;

    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p) && !p.startsWith(dir.resolve(".git"))) {
                    hashes.put(dir.relativize(p).toString(), ScaffoldRecord.sha256(Files.readAllBytes(p)));
                }
            }
        }
        return hashes;
    }

    private Path copyOfExample() throws Exception {
        return copyOf(EXAMPLE);
    }

    private Path copyOf(Path example) throws Exception {
        Path repo = tmp.resolve(example.getFileName().toString());
        try (Stream<Path> walk = Files.walk(example)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = repo.resolve(example.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        GeneratedProjectsIT.commitAll(repo);
        return repo;
    }

    private static int level(Path repo) throws Exception {
        Cli.Result r = Cli.run("assess", repo.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out()).get("level").asInt();
    }

    /**
     * The level-2 example commits no model (training writes it), so nothing tells how a request becomes a
     * prediction: next says so and writes no service, Dockerfile, compose or CI (issue 14.2), and the level stays.
     */
    @Test
    void nextOnTheLevelTwoExampleWritesNoServiceItCannotWireAndChangesNoExistingFile() throws Exception {
        Path repo = copyOfExample();
        assertThat(level(repo)).isEqualTo(2);
        Map<String, String> before = snapshot(repo);

        Cli.Result dry = Cli.run("next", repo.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("level 2 -> 3", "Package: churn (in src/churn)", "Dry run",
                "not written: no model artefact", "Dockerfile", "src/churn/service.py");
        assertThat(snapshot(repo)).isEqualTo(before);

        Cli.Result next = Cli.run("next", repo.toString());
        assertThat(next.exitCode()).as(next.err() + next.out()).isZero();
        assertThat(level(repo)).as(next.out()).isEqualTo(2);
        Map<String, String> after = snapshot(repo);
        before.forEach((path, hash) -> assertThat(after.get(path)).as(path + " unchanged").isEqualTo(hash));
        assertThat(after.keySet()).doesNotContain("Dockerfile", "src/churn/service.py", ".github/workflows/ci.yml");
    }

    @Test
    void nextBringsAGeneratedLevelThreeProjectToLevelFourWithSelfContainedModules() throws Exception {
        Path repo = tmp.resolve("shop-recs");
        assertThat(Cli.run("new", "shop-recs", "--level", "3", "--focus", "data", "--dir", repo.toString()).exitCode()).isZero();
        GeneratedProjectsIT.commitAll(repo);
        assertThat(level(repo)).isEqualTo(3);
        Map<String, String> before = snapshot(repo);

        Cli.Result next = Cli.run("next", repo.toString());
        assertThat(next.exitCode()).as(next.err() + next.out()).isZero();
        assertThat(level(repo)).as(next.out()).isEqualTo(4);
        Map<String, String> after = snapshot(repo);
        before.remove(ScaffoldRecord.PATH); // the provenance record gains the new files; nothing else may change
        before.forEach((path, hash) -> assertThat(after.get(path)).as(path + " unchanged").isEqualTo(hash));
        assertThat(after.keySet()).contains("k8s/api-hpa.yaml", "shop_recs/retrain.py", "shop_recs/champion.py",
                "shop_recs/stream.py", "infra/terraform/main.tf");
        assertThat(Files.readString(repo.resolve("k8s/api-deployment.yaml"))).contains("name: shop-recs-api");
        assertThat(Files.readString(repo.resolve("k8s/retraining-cronjob.yaml"))).contains("shop_recs.retrain");

        // What next wrote must work in a repository that has none of the level-4 skeleton's other modules.
        Python.Run imports = Python.run(repo, "-c",
                "import shop_recs.champion, shop_recs.retrain, shop_recs.stream, shop_recs.tracking");
        // the PyTorch autoencoder is not added to a repository that uses no deep-learning library
        assertThat(after.keySet()).doesNotContain("shop_recs/anomaly.py");
        assertThat(next.out()).contains("uses no deep-learning library");
        assertThat(imports.exitCode()).as(imports.output()).isZero();
    }

    /** A custom architecture and a novel method are the research itself: next writes neither, and the level stays 4. */
    @Test
    void nextOnTheLevelFourExampleAddsNoResearchItCannotOwn() throws Exception {
        Path repo = copyOf(LEVEL4_EXAMPLE);
        assertThat(level(repo)).isEqualTo(4);
        Map<String, String> before = snapshot(repo);

        Cli.Result next = Cli.run("next", repo.toString());
        assertThat(next.exitCode()).as(next.err() + next.out()).isZero();
        assertThat(next.out()).contains("level 4 -> 5", "src/fraud/model.py", "src/fraud/losses.py", "the research itself")
                .contains("Still to do by hand").contains("L5-paper");
        assertThat(level(repo)).as(next.out()).isEqualTo(4);
        Map<String, String> after = snapshot(repo);
        before.forEach((path, hash) -> assertThat(after.get(path)).as(path + " unchanged").isEqualTo(hash));
        assertThat(after.keySet()).doesNotContain("src/fraud/model.py", "src/fraud/losses.py");
    }

    @Test
    void aFreshLevelThreeProjectCommittedAsIsFailsALevelThreeGate() throws Exception {
        Path dir = tmp.resolve("fresh");
        assertThat(Cli.run("new", "fresh-service", "--level", "3", "--focus", "architecture", "--dir", dir.toString()).exitCode()).isZero();
        GeneratedProjectsIT.commitAll(dir);
        assertThat(level(dir)).isEqualTo(3);
        Cli.Result gate = Cli.run("assess", dir.toString(), "--min-level", "3");
        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).contains("Untouched scaffolding", "no credit at this gate");
    }

    /** The record is the judged repository's own file; deleting it must not turn scaffolding into the author's work. */
    @Test
    void deletingTheScaffoldRecordDoesNotPassTheGateEither() throws Exception {
        Path dir = tmp.resolve("fresh-service");
        assertThat(Cli.run("new", "fresh-service", "--level", "3", "--focus", "architecture", "--dir", dir.toString()).exitCode()).isZero();
        Files.delete(dir.resolve(ScaffoldRecord.PATH));
        Files.delete(dir.resolve(".mlproj"));
        GeneratedProjectsIT.commitAll(dir);
        assertThat(level(dir)).isEqualTo(3);
        Cli.Result gate = Cli.run("assess", dir.toString(), "--min-level", "3");
        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).contains("Untouched scaffolding", "no credit at this gate");
    }
}

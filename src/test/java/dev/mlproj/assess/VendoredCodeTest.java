package dev.mlproj.assess;

import dev.mlproj.scan.RepoFile;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static dev.mlproj.testing.Assess.assess;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone else's code committed into a repository is not the author's work: a real level-3 project
 * (the example recommender service) vendored in every usual way earns nothing.
 */
class VendoredCodeTest {

    private static final Path EXAMPLE = Path.of("examples/level3-recommender-service");

    /** Where third-party code ends up in repositories: vendoring folders, installed packages, committed environments. */
    private static final List<String> PLACES = List.of("third_party/recsys", "vendor/recsys", "external/recsys",
            "lib/python3.11/site-packages/recsys", ".venv/lib/python3.11/site-packages/recsys", "env/lib/recsys");

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void theExampleOnItsOwnIsLevelThree(@TempDir Path dir) throws Exception {
        copy(EXAMPLE, dir);
        FixtureRepo.git(dir).commit("as is");
        assertThat(assess(dir).level()).isEqualTo(3);
    }

    @Test
    void aVendoredCopyOfARealProjectCountsForNothing(@TempDir Path dir) throws Exception {
        FixtureRepo repo = FixtureRepo.git(dir).file("README.md", "# My project\n\nNothing of my own yet.\n");
        for (String place : PLACES) {
            copy(EXAMPLE, dir.resolve(place));
        }
        Files.writeString(dir.resolve("env/pyvenv.cfg"), "home = /usr/bin\n"); // a virtual environment under any name
        repo.commit("vendor everything");

        Assessment a = assess(dir);

        assertThat(a.level()).isZero();
        assertThat(a.mlProject()).isFalse();
        assertThat(a.facts().files()).extracting(RepoFile::path).containsExactly("README.md");
        assertThat(Stream.concat(a.results().stream(), a.walkthrough().stream()).flatMap(r -> r.evidence().stream()))
                .noneMatch(e -> PLACES.stream().anyMatch(p -> e.path().startsWith(p.substring(0, p.indexOf('/')))));
    }
}

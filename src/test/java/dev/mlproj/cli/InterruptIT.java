package dev.mlproj.cli;

import dev.mlproj.testing.PackagedJar;
import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.testing.FixtureRepo;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C at any moment: the packaged jar, run as a user runs it, gets SIGINT at several moments of
 * `next`, `new` and `batch` (the moment its staging appears, and fixed offsets from its start). Whatever
 * the moment, nothing it stages is left behind (in the repository, its git directory or beside it), no
 * generated file is in place without the scaffold record that marks it, and the gate is not gamed.
 */
class InterruptIT {

    private static final Path EXAMPLE = Path.of("examples/level2-churn-pipeline");

    @TempDir
    Path tmp;

    private static List<String> command(String... args) {
        return PackagedJar.command(List.of(), args);
    }

    private Process start(Path workDir, String... args) throws IOException {
        return new ProcessBuilder(command(args)).directory(workDir.toFile())
                .redirectOutput(Files.createTempFile(tmp, "out", ".txt").toFile())
                .redirectError(Files.createTempFile(tmp, "err", ".txt").toFile()).start();
    }

    private int run(Path workDir, String... args) throws Exception {
        return start(workDir, args).waitFor();
    }

    private static void interrupt(Process p) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    }

    /** Spins until {@code seen} holds or the process has ended; true when seen. No clock involved. */
    private static boolean watch(Process p, BooleanSupplier seen) {
        while (p.isAlive()) {
            if (seen.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** Interrupts at the moment {@code seen} first holds (moment -1), or {@code offset} ms after the start. */
    private static boolean interruptAt(Process p, int offset, BooleanSupplier seen) throws Exception {
        boolean caught = false;
        if (offset < 0) {
            caught = watch(p, seen);
        } else {
            Thread.sleep(offset);
        }
        if (p.isAlive()) {
            interrupt(p);
        }
        p.waitFor();
        return caught;
    }

    private static boolean containsScratch(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().contains(".mlproj-"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Every path under {@code dir} (git's internals included) that is mlproj's scratch or lock. */
    private static List<String> debris(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString())
                    .filter(n -> n.contains(".mlproj-") || n.contains("mlproj-next.lock"))
                    .toList();
        }
    }

    private static Set<String> workTreeFiles(Path repo) throws IOException {
        try (Stream<Path> s = Files.walk(repo)) {
            return s.filter(Files::isRegularFile).map(p -> repo.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.startsWith(".git/")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The real templates with one file made large, so that staging takes long enough to be caught in the act. */
    private Path slowTemplates() throws IOException {
        Path copy = tmp.resolve("templates");
        Path source = Path.of("templates");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = copy.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Path dashboard = copy.resolve("shared/service/monitoring/grafana/dashboards/model-service.json");
        Files.writeString(dashboard, Files.readString(dashboard) + " ".repeat(12 * 1024 * 1024) + "\n");
        return copy;
    }

    private Path levelTwoRepository(Path repo) throws Exception {
        try (Stream<Path> walk = Files.walk(EXAMPLE)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = repo.resolve(EXAMPLE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Test Author", "author@example.com");
            git.commit().setMessage("start").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return repo;
    }

    /**
     * The moments to interrupt a command at: twice the moment its staging appears (-1), then fractions of
     * the time one uninterrupted run took on this machine, so they fall before, during and after the
     * writing however fast the machine is.
     */
    private static List<Integer> moments(long fullRunMillis, double... fractions) {
        List<Integer> moments = new ArrayList<>(List.of(-1, -1));
        for (double f : fractions) {
            moments.add((int) (fullRunMillis * f));
        }
        return moments;
    }

    @Test
    void interruptingNextAtAnyMomentLeavesNoStagingNoUnrecordedFileAndNoGamedGate() throws Exception {
        Path templates = slowTemplates();
        Path reference = levelTwoRepository(tmp.resolve("reference"));
        long started = System.nanoTime();
        assertThat(run(tmp, "next", reference.toString(), "--templates", templates.toString())).isZero();
        long full = (System.nanoTime() - started) / 1_000_000;

        List<Integer> moments = moments(full, 0.3, 0.6, 0.8, 0.9, 0.97);
        int caught = 0;
        int written = 0;
        for (int i = 0; i < moments.size(); i++) {
            Path repo = levelTwoRepository(tmp.resolve("repo" + i));
            Set<String> before = workTreeFiles(repo);
            Path gitDir = repo.resolve(".git");

            Process next = start(tmp, "next", repo.toString(), "--templates", templates.toString());
            if (interruptAt(next, moments.get(i), () -> containsScratch(gitDir))) {
                caught++;
            }

            String at = "SIGINT at " + (moments.get(i) < 0 ? "the moment staging appeared" : moments.get(i) + " ms of " + full);
            assertThat(debris(tmp)).as(at).isEmpty();
            Set<String> added = new TreeSet<>(workTreeFiles(repo));
            added.removeAll(before);
            if (!added.isEmpty()) {
                written++;
                assertThat(added).as(at).contains(ScaffoldRecord.PATH);
                Set<String> recorded = ScaffoldRecord.read(repo).files().stream().map(ScaffoldRecord.Entry::path)
                        .collect(Collectors.toSet());
                added.remove(ScaffoldRecord.PATH);
                assertThat(recorded).as(at + ": every file in place is in the record").containsAll(added);
                // Level 2 before; at a gate, untouched scaffolding earns nothing, so never level 3.
                assertThat(run(tmp, "assess", repo.toString(), "--min-level", "3", "--quiet")).as(at).isEqualTo(ExitCode.GATE_FAILED);
            }
        }
        assertThat(caught).as("the moment staging appeared was seen").isPositive();
        // The interrupted runs left nothing that stops the next one.
        assertThat(run(tmp, "next", tmp.resolve("repo0").toString(), "--templates", templates.toString())).isZero();
        assertThat(debris(tmp)).isEmpty();
        System.out.printf("next (%d ms uninterrupted): staging caught %d of 2 times; %d of %d interrupted runs had written their files%n",
                full, caught, written, moments.size());
    }

    @Test
    void interruptingNewAtAnyMomentLeavesNoStagingAndNoHalfProject() throws Exception {
        Path templates = slowTemplates();
        long started = System.nanoTime();
        assertThat(run(Files.createDirectories(tmp.resolve("reference")), "new", "shop", "--level", "3", "--templates", templates.toString()))
                .isZero();
        long full = (System.nanoTime() - started) / 1_000_000;
        List<Integer> moments = moments(full, 0.5, 0.85, 0.95);
        for (int i = 0; i < moments.size(); i++) {
            Path where = Files.createDirectories(tmp.resolve("new" + i));
            Process created = start(where, "new", "shop", "--level", "3", "--templates", templates.toString());
            interruptAt(created, moments.get(i), () -> containsScratch(where));

            String at = "SIGINT at " + (moments.get(i) < 0 ? "the moment staging appeared" : moments.get(i) + " ms of " + full);
            assertThat(debris(where)).as(at).isEmpty();
            Path project = where.resolve("shop");
            if (Files.exists(project)) {
                // every file the uninterrupted run writes (the recorded template files and the hygiene files
                // beside them, which the record leaves out), and every recorded file among them
                Set<String> files = workTreeFiles(project);
                assertThat(files).as(at + ": the whole project or none of it").isEqualTo(workTreeFiles(tmp.resolve("reference/shop")));
                Set<String> recorded = ScaffoldRecord.read(project).files().stream().map(ScaffoldRecord.Entry::path)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(files).as(at + ": the record lists only files in place").containsAll(recorded);
            }
        }
    }

    @Test
    void newIntoTheCurrentEmptyDirectoryWritesInPlace() throws Exception {
        Path here = Files.createDirectories(tmp.resolve("here"));
        Object inode = Files.readAttributes(here, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        assertThat(run(here, "new", "shop", "--level", "2", "--dir", ".")).isZero();

        assertThat(Files.readAttributes(here, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);
        assertThat(here.resolve(ScaffoldRecord.PATH)).isRegularFile();
        assertThat(debris(tmp)).isEmpty();
    }

    @Test
    void interruptingABatchCloneLeavesNoTemporaryClone() throws Exception {
        FixtureRepo big = FixtureRepo.git(tmp.resolve("origin"));
        for (int i = 0; i < 800; i++) {
            big.file("src/m" + (i % 30) + "/f" + i + ".py", "X" + i + " = " + i + "\n");
        }
        Path origin = big.file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT).commit("many files").root();
        Files.writeString(tmp.resolve("cohort.csv"), "name,url\norigin," + origin.toUri() + "\n", StandardCharsets.UTF_8);
        Path cache = tmp.resolve("cache");
        for (int i = 0; i < 1; i++) {
            Process batch = start(tmp, "batch", "cohort.csv", "--cache", cache.toString(), "--output-dir", "out" + i);
            boolean caught = interruptAt(batch, -1, () -> {
                try (Stream<Path> s = Files.walk(cache)) {
                    return s.anyMatch(p -> p.getFileName().toString().contains(".mlproj-"));
                } catch (IOException | java.io.UncheckedIOException e) {
                    return false;
                }
            });
            assertThat(debris(cache)).as("interrupted while cloning: " + caught).isEmpty();
        }
        // A killed run cannot clean up; the next run removes what it left.
        long dead = dev.mlproj.testing.Pids.dead();
        try (Stream<Path> entries = Files.list(cache)) {
            for (Path entry : entries.filter(Files::isDirectory).toList()) {
                Files.createDirectories(entry.resolve(".mirror.mlproj-" + dead + "-x1/objects"));
                Files.createDirectories(entry.resolve("trees/.tree.mlproj-" + dead + "-x2/src"));
            }
        }
        assertThat(run(tmp, "batch", "cohort.csv", "--cache", cache.toString(), "--output-dir", "out")).isZero();
        assertThat(debris(cache)).isEmpty();
    }
}

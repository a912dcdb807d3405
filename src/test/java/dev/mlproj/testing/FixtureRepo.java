package dev.mlproj.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.TimeZone;

/** A repository built by a test: files written, then committed with JGit on a fixed clock. */
public final class FixtureRepo {

    /** A level-1 script: loads, explores, cleans, trains and evaluates (train.py of several CLI fixtures). */
    public static final String LEVEL_ONE_SCRIPT = """
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import accuracy_score

            df = pd.read_csv("data.csv")
            df = df.fillna(df.mean())
            print(df.describe())
            model = LogisticRegression().fit(df[["x"]], df["y"])
            print(accuracy_score(df["y"], model.predict(df[["x"]])))
            """;

    public static final Instant EPOCH = Instant.parse("2025-01-06T10:00:00Z");

    private final Path root;
    private Git git;
    private Instant clock = EPOCH;

    private FixtureRepo(Path root) {
        this.root = root;
    }

    /** A plain directory, no git. */
    public static FixtureRepo plain(Path dir) {
        return new FixtureRepo(dir);
    }

    /** A git repository with no commits yet. */
    public static FixtureRepo git(Path dir) {
        FixtureRepo repo = new FixtureRepo(dir);
        try {
            repo.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
        return repo;
    }

    public Path root() {
        return root;
    }

    public FixtureRepo file(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FixtureRepo bytes(String path, byte[] content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree (an example, say) into the repository, over what is there. */
    public FixtureRepo copy(Path from) {
        return copy(from, "");
    }

    /** Copies a file, or a directory tree, from outside (an example, say) to {@code path} in the repository. */
    public FixtureRepo copy(Path from, String path) {
        try (var walk = Files.walk(from)) {
            for (Path source : walk.filter(Files::isRegularFile).toList()) {
                String rel = from.relativize(source).toString().replace('\\', '/');
                Path target = rel.isEmpty() ? root.resolve(path) : root.resolve(path).resolve(rel);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file or a directory tree; the next commit records the deletion. */
    public FixtureRepo delete(String path) {
        try (var walk = Files.walk(root.resolve(path))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clock of the next commit. */
    public FixtureRepo at(Instant when) {
        clock = when;
        return this;
    }

    /** Tags the last commit. */
    public FixtureRepo tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(false).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits everything not ignored (deletions too), one week after the previous commit. */
    public FixtureRepo commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent who = new PersonIdent("Fixture Author", "author@example.com",
                    java.util.Date.from(clock), TimeZone.getTimeZone(ZoneOffset.UTC));
            git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
            clock = clock.plusSeconds(7 * 24 * 3600);
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the commit HEAD names. */
    public String head() {
        try {
            return git.getRepository().resolve("HEAD").name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Git git() {
        return git;
    }
}

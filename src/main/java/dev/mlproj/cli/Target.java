package dev.mlproj.cli;

import dev.mlproj.fetch.Checkout;
import dev.mlproj.fetch.FetchException;
import dev.mlproj.fetch.RepoCache;
import dev.mlproj.fetch.RepoSource;
import dev.mlproj.report.Provenance;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What {@code assess} was pointed at, made into a directory to scan: a work tree assessed in place, or
 * a git URL, a bare repository or a {@code --rev} checked out through the clone cache {@code batch}
 * uses (so the user's own work tree is never touched), held until closed.
 */
final class Target implements AutoCloseable {

    private final Path dir;
    private final Checkout checkout;      // null when assessed in place
    private final String ref;
    private final String webUrl;

    private Target(Path dir, Checkout checkout, String ref, String webUrl) {
        this.dir = dir;
        this.checkout = checkout;
        this.ref = ref;
        this.webUrl = webUrl;
    }

    /**
     * @param target the argument as given: a directory, a bare repository or a git URL
     * @param rev    a commit, branch or tag to assess instead of the work tree, or null
     * @param cache  the clone cache's root
     */
    static Target open(String target, String rev, Path cache) {
        if (rev != null && rev.isBlank()) {
            throw new UserException(ExitCode.USAGE, "--rev must name a commit, branch or tag");
        }
        if (RepoSource.isUrl(target)) {
            return cloned(target, rev, cache, Provenance.webUrl(target));
        }
        Path path = Path.of(target);
        Assessor.requireDirectory(path);
        boolean bare = isBareRepository(path);
        if (rev == null && !bare) {
            return new Target(path, null, null, null);
        }
        String url = path.toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", "");
        return cloned(url, rev, cache, originOf(path));
    }

    private static Target cloned(String url, String rev, Path cache, String webUrl) {
        try {
            Checkout checkout = new RepoCache(cache).checkout(url, rev == null ? "" : rev);
            return new Target(checkout.dir(), checkout, rev, webUrl);
        } catch (FetchException e) {
            throw new UserException(ExitCode.UNREADABLE, e.getMessage());
        }
    }

    /** The directory to scan. */
    Path dir() {
        return dir;
    }

    /**
     * The assessed commit: the checkout's, or for a work tree assessed in place the HEAD the scan read
     * ({@code head}, null outside git), with the branch HEAD names and the web address of its {@code origin}.
     */
    Provenance provenance(String head) {
        if (checkout != null) {
            return new Provenance(checkout.commit(), ref, webUrl);
        }
        if (head == null) {
            return Provenance.NONE;
        }
        try (Repository repo = new FileRepositoryBuilder().findGitDir(dir.toAbsolutePath().toFile()).setMustExist(true).build()) {
            Ref headRef = repo.exactRef(Constants.HEAD);
            String branch = headRef != null && headRef.isSymbolic() ? headRef.getTarget().getName() : null;
            return new Provenance(head, branch, remoteWebUrl(repo));
        } catch (IOException | IllegalArgumentException e) {
            return new Provenance(head, null, null);
        }
    }

    @Override
    public void close() {
        if (checkout != null) {
            checkout.close();
        }
    }

    /** A directory that is itself a git directory (no work tree around it). */
    static boolean isBareRepository(Path path) {
        return !Files.exists(path.resolve(Constants.DOT_GIT))
                && RepositoryCache.FileKey.isGitRepository(path.toFile(), FS.DETECTED);
    }

    /** The web address of a local repository's {@code origin} (else its only remote), or null. */
    private static String originOf(Path path) {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(path.toFile()).setMustExist(true).build()) {
            return remoteWebUrl(repo);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String remoteWebUrl(Repository repo) {
        var config = repo.getConfig();
        String origin = config.getString("remote", Constants.DEFAULT_REMOTE_NAME, "url");
        if (origin != null) {
            return Provenance.webUrl(origin);
        }
        Set<String> remotes = config.getSubsections("remote");
        return remotes.size() == 1 ? Provenance.webUrl(config.getString("remote", remotes.iterator().next(), "url")) : null;
    }
}

package dev.mlproj.fetch;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where a batch row's repository comes from: a directory assessed in place, or a git URL to clone. */
public sealed interface RepoSource {

    /** A directory on this machine, assessed where it is. */
    record Local(Path dir) implements RepoSource { }

    /** A git URL (file://, https://, ssh://, user@host:path), cloned into the cache. */
    record Remote(String url) implements RepoSource { }

    Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
    /** git's scp-like form: user@host:path (a user is required, so "C:dir" or "a:b" stay paths). */
    Pattern SCP_LIKE = Pattern.compile("^[^/\\\\@:]+@[^/\\\\:]+:.*");

    static boolean isUrl(String url) {
        return SCHEME.matcher(url).matches() || SCP_LIKE.matcher(url).matches();
    }

    /**
     * A URL is cloned. A path is resolved against {@code base} (the CSV's directory) and assessed in
     * place, unless a rev is asked for: then it is cloned like a file:// URL, so that checking out
     * the rev never touches the user's own work tree.
     */
    static RepoSource locate(String url, String rev, Path base) {
        if (isUrl(url)) {
            return new Remote(url);
        }
        Path dir = base.resolve(url).toAbsolutePath().normalize();
        return rev.isEmpty() ? new Local(dir) : new Remote(dir.toUri().toString().replaceAll("/+$", ""));
    }
}

package dev.mlproj.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which commit a report is about: its full id, the ref it was reached through, and the repository's web
 * address when a remote names one. Every format states the commit; Markdown links evidence through it.
 *
 * @param commit     the assessed commit, 40 hex digits, or null when the directory is not a git repository
 * @param ref        the branch, tag or revision the commit was reached through ({@code refs/heads/main},
 *                   {@code --rev v1.2}), or null for a detached HEAD
 * @param webUrl     the repository's https address without credentials or {@code .git}, or null when unknown
 */
public record Provenance(String commit, String ref, String webUrl) {

    public static final Provenance NONE = new Provenance(null, null, null);

    public boolean known() {
        return commit != null;
    }

    /**
     * A link to {@code path} (and its line, when positive) at the assessed commit, or null when the
     * repository's address or the commit is unknown. GitLab spells the path {@code /-/blob/}, Bitbucket
     * {@code /src/}; every other host is taken to follow GitHub's {@code /blob/}.
     */
    public String fileUrl(String path, int line) {
        if (webUrl == null || commit == null || path == null || path.isEmpty() || path.equals(".")) {
            return null;
        }
        String host = URI.create(webUrl).getHost().toLowerCase(Locale.ROOT);
        String encoded;
        try {
            encoded = new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return null;
        }
        if (host.equals("bitbucket.org")) {
            return webUrl + "/src/" + commit + "/" + encoded + (line > 0 ? "#lines-" + line : "");
        }
        String blob = host.contains("gitlab") ? "/-/blob/" : "/blob/";
        return webUrl + blob + commit + "/" + encoded + (line > 0 ? "#L" + line : "");
    }

    /** The assessed commit's page, or null when the repository's address or the commit is unknown. */
    public String commitUrl() {
        if (webUrl == null || commit == null) {
            return null;
        }
        String host = URI.create(webUrl).getHost().toLowerCase(Locale.ROOT);
        return webUrl + (host.equals("bitbucket.org") ? "/commits/" : host.contains("gitlab") ? "/-/commit/" : "/commit/") + commit;
    }

    /**
     * The https address of a git remote: {@code git@github.com:o/r.git}, {@code ssh://git@host/o/r} and
     * {@code https://user:token@host/o/r.git} all become {@code https://host/o/r}. Null for a local path,
     * a {@code file:} URL or anything else that has no web page.
     */
    public static String webUrl(String remote) {
        if (remote == null || remote.isBlank()) {
            return null;
        }
        String r = remote.trim();
        String host;
        String path;
        int scheme = r.indexOf("://");
        if (scheme < 0) {
            // scp-like: [user@]host:path
            int colon = r.indexOf(':');
            int slash = r.indexOf('/');
            if (colon <= 0 || (slash >= 0 && slash < colon)) {
                return null;
            }
            host = r.substring(r.indexOf('@') + 1 > colon ? 0 : r.indexOf('@') + 1, colon);
            path = r.substring(colon + 1);
        } else {
            String kind = r.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!kind.equals("https") && !kind.equals("http") && !kind.equals("ssh") && !kind.equals("git")) {
                return null;
            }
            URI uri;
            try {
                uri = new URI(r);
            } catch (URISyntaxException e) {
                return null;
            }
            host = uri.getHost();
            path = uri.getPath();
        }
        if (host == null || host.isEmpty() || path == null) {
            return null;
        }
        path = path.replaceAll("^/+", "").replaceAll("/+$", "");
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        if (path.isEmpty() || !host.matches("[A-Za-z0-9.-]+") || path.contains("..")) {
            return null;
        }
        return "https://" + host.toLowerCase(Locale.ROOT) + "/" + path;
    }
}

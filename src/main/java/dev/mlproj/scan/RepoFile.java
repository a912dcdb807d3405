package dev.mlproj.scan;

/** One file of the author's work: repository-relative path with '/' separators, size in bytes, kind. */
public record RepoFile(String path, long size, FileKind kind) {

    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public String directory() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}

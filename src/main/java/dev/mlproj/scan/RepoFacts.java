package dev.mlproj.scan;

import java.util.List;

/**
 * Everything one scan learned about a repository. Immutable once built; every judgment is made on this.
 *
 * @param root      the scanned directory as given
 * @param files     the author's files (vendored, generated and ignored trees excluded)
 * @param facts     structural facts and pattern matches
 * @param git       history metrics
 * @param warnings  things the scan could not do, for the report
 * @param filesRead how many files had their content read
 */
public record RepoFacts(String root, List<RepoFile> files, FactStore facts, GitFacts git, List<String> warnings,
                        int filesRead, long bytesRead) {

    public RepoFacts {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}

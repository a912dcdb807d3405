package dev.mlproj.scan;

import com.google.re2j.Pattern;

import java.util.List;

/**
 * A content pattern the scan should look for, line by line. The scanner knows nothing of why it is asked.
 *
 * @param id              identifier under which matches are stored
 * @param scope           PYTHON: code of .py files and notebook code cells, comments and docstrings removed;
 *                        TEXT: any readable text file whose path matches {@code pathGlobs}
 * @param pathGlobs       restricts the files searched (empty: all files of the scope)
 * @param pattern         RE2 syntax, matched per line in linear time
 * @param requiredImports PYTHON scope only: the file must use an import of one of these modules
 * @param inTests         PYTHON scope only: test modules (tests/, test_*.py, *_test.py) are searched too; by
 *                        default they are not, since a fixture's scaler or split is not the project's practice
 */
public record PatternQuery(String id, Scope scope, List<String> pathGlobs, Pattern pattern, List<String> requiredImports,
                           boolean inTests) {

    public enum Scope { PYTHON, TEXT }

    public PatternQuery {
        pathGlobs = pathGlobs == null ? List.of() : List.copyOf(pathGlobs);
        requiredImports = requiredImports == null ? List.of() : List.copyOf(requiredImports);
    }

    /** A query that does not search test modules. */
    public PatternQuery(String id, Scope scope, List<String> pathGlobs, Pattern pattern, List<String> requiredImports) {
        this(id, scope, pathGlobs, pattern, requiredImports, false);
    }
}

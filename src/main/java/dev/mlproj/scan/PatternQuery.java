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
 */
public record PatternQuery(String id, Scope scope, List<String> pathGlobs, Pattern pattern, List<String> requiredImports) {

    public enum Scope { PYTHON, TEXT }

    public PatternQuery {
        pathGlobs = pathGlobs == null ? List.of() : List.copyOf(pathGlobs);
        requiredImports = requiredImports == null ? List.of() : List.copyOf(requiredImports);
    }
}

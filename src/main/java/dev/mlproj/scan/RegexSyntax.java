package dev.mlproj.scan;

/** The bits of regular-expression syntax that the scan's own pattern analyses walk over. */
final class RegexSyntax {

    private RegexSyntax() {
    }

    /**
     * Index of the ']' closing the class opened at {@code open}, or -1 for one these analyses do not
     * follow (nested or POSIX classes such as {@code [[:alpha:]]}); callers then treat the pattern as unknown.
     */
    static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a leading ']' is a literal
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                return -1;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }
}

package dev.mlproj.scan;

/** The bits of regular-expression syntax that the scan's own pattern analyses walk over. */
final class RegexSyntax {

    private RegexSyntax() {
    }

    /**
     * The alternatives of the alternation starting at {@code from}: the pieces between its '|' at depth 0,
     * up to the ')' that closes the enclosing group or the end of the pattern.
     *
     * @param end the index of that ')', or the pattern's length
     */
    record Alternation(java.util.List<String> alternatives, int end) {
        boolean reachesEnd(String regex) {
            return end == regex.length();
        }
    }

    /** Null when a class in it is one these analyses do not follow, or a group opened in it is never closed. */
    static Alternation alternation(String regex, int from) {
        java.util.List<String> alternatives = new java.util.ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(regex, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ')' || (c == '|' && depth == 0)) {
                alternatives.add(regex.substring(start, i));
                if (c == ')') {
                    return new Alternation(alternatives, i);
                }
                start = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        alternatives.add(regex.substring(start));
        return new Alternation(alternatives, regex.length());
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

package dev.mlproj.scan;

import java.util.List;

/**
 * Splits a pattern at its top-level '|' into branches that can be searched one by one. A line contains a
 * match of {@code A|B} exactly when it contains a match of {@code A} or of {@code B}, so the scan may run
 * only the branches whose own literals occur on a line: most rubric patterns are long alternations of
 * which a candidate line has one literal, and running the whole alternation at every position of the line
 * was most of the regex work. A pattern this splitter cannot reason about stays whole.
 */
final class PatternBranches {

    /** More branches than this gain nothing over the whole pattern and cost automaton states. */
    private static final int MAX_BRANCHES = 64;

    private PatternBranches() {
    }

    /** The branches, each with the pattern's leading flags (such as "(?i)"); the pattern itself when it has one branch or is unusual. */
    static List<String> split(String regex) {
        String flags = leadingFlags(regex);
        String body = regex.substring(flags.length());
        // Quoted stretches hide metacharacters, and a flag group in the middle changes what follows it.
        if (body.contains("\\Q") || !hasFlagGroupOnly(body)) {
            return List.of(regex);
        }
        return splitBody(regex, flags, body);
    }

    private static List<String> splitBody(String regex, String flags, String body) {
        RegexSyntax.Alternation whole = RegexSyntax.alternation(body, 0);
        if (whole == null || !whole.reachesEnd(body) || whole.alternatives().size() == 1) {
            return List.of(regex); // unusual, an unbalanced ')', or no alternation at all
        }
        List<String> branches = whole.alternatives();
        if (branches.size() > MAX_BRANCHES || branches.stream().anyMatch(String::isEmpty)) {
            return List.of(regex); // an empty branch matches everywhere: nothing to gain
        }
        return branches.stream().map(b -> flags + b).toList();
    }

    /** "(?i)" and the like at the very start, which apply to every branch. */
    private static String leadingFlags(String regex) {
        if (!regex.startsWith("(?")) {
            return "";
        }
        int i = 2;
        while (i < regex.length() && Character.isLetter(regex.charAt(i))) {
            i++;
        }
        return i > 2 && i < regex.length() && regex.charAt(i) == ')' ? regex.substring(0, i + 1) : "";
    }

    /** True when every "(?" in the body opens a non-capturing or named group, never a bare flag setting. */
    private static boolean hasFlagGroupOnly(String body) {
        for (int at = body.indexOf("(?"); at >= 0; at = body.indexOf("(?", at + 2)) {
            if (at > 0 && body.charAt(at - 1) == '\\') {
                continue;
            }
            int i = at + 2;
            while (i < body.length() && Character.isLetter(body.charAt(i))) {
                i++;
            }
            boolean bareFlags = i > at + 2 && i < body.length() && body.charAt(i) == ')';
            boolean negated = i < body.length() && body.charAt(i) == '-';
            if (bareFlags || negated) {
                return false;
            }
        }
        return true;
    }
}

package dev.mlproj.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Where a match of a regular expression can begin, when the pattern says so plainly: only at the start of
 * the line (a leading '^'), or only where one of a few literals occurs (after any '\b', a literal, a group
 * whose alternatives each open with a literal, or a class of a few plain characters). A search then tries
 * the pattern anchored at those positions instead of at every position of the line. A pattern that opens
 * with {@code (?i)} has its literals looked for in the line with ASCII letters folded to lower case, which is
 * how the JDK engine compares them (without {@code (?u)}, case-insensitivity is ASCII only). The JDK engine takes
 * such a shortcut (Boyer-Moore) only for a plain literal at the very start; most rubric patterns open with
 * {@code \b} or a group, and trying them at every position of every candidate line was most of the regex
 * work of a scan.
 *
 * <p>The answer is the same as {@link Matcher#find()}'s: a match starts at some position, and the opening
 * element consumes the literal found there; the anchored try sees the whole line (transparent bounds), so
 * {@code \b} judges the character before it as a full search would.
 */
final class MatchStart {

    /** More opening literals than this, and a full search is as cheap. */
    private static final int MAX_LITERALS = 32;
    private static final String META = ".^$*+?{}()[]|\\";

    private static final String CASE_INSENSITIVE = "(?i)";

    private final boolean lineStart;
    /** Lower case when {@link #caseInsensitive}. */
    private final String[] literals;
    private final boolean caseInsensitive;

    private MatchStart(boolean lineStart, List<String> literals, boolean caseInsensitive) {
        this.lineStart = lineStart;
        this.literals = literals.stream().map(l -> caseInsensitive ? foldAscii(l) : l).toArray(String[]::new);
        this.caseInsensitive = caseInsensitive;
    }

    /** Null when the pattern's opening is not one of the plain shapes this class reasons about. */
    static MatchStart of(String pattern) {
        boolean caseInsensitive = pattern.startsWith(CASE_INSENSITIVE);
        String regex = caseInsensitive ? pattern.substring(CASE_INSENSITIVE.length()) : pattern;
        if (!hasPlainGroupsOnly(regex) || hasTopLevelBar(regex)) {
            return null;
        }
        if (regex.startsWith("^")) {
            return new MatchStart(true, List.of(), caseInsensitive);
        }
        int pos = 0;
        while (regex.startsWith("\\b", pos) && !isQuantifier(regex, pos + 2)) {
            pos += 2;
        }
        List<String> opening = pos < regex.length() && regex.charAt(pos) == '(' ? group(regex, pos)
                : pos < regex.length() && regex.charAt(pos) == '[' ? charClass(regex, pos)
                : nonEmpty(literalRun(regex, pos));
        if (opening == null || opening.isEmpty() || opening.size() > MAX_LITERALS) {
            return null;
        }
        return new MatchStart(false, opening, caseInsensitive);
    }

    boolean lineStart() {
        return lineStart;
    }

    List<String> literals() {
        return List.of(literals);
    }

    /**
     * Whether the pattern of {@code matcher} matches somewhere in {@code line}.
     *
     * @param matcher a matcher of this pattern over {@code line} (or over a view of it with the same characters)
     */
    boolean find(Matcher matcher, String line) {
        if (lineStart) {
            return matcher.lookingAt();
        }
        matcher.useTransparentBounds(true).useAnchoringBounds(false);
        String haystack = caseInsensitive ? foldAscii(line) : line; // same length: positions carry over
        for (String literal : literals) {
            for (int at = haystack.indexOf(literal); at >= 0; at = haystack.indexOf(literal, at + 1)) {
                matcher.region(at, line.length());
                if (matcher.lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** ASCII letters to lower case, every other character as it is. */
    static String foldAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] out = s.toCharArray();
                for (int j = i; j < out.length; j++) {
                    if (out[j] >= 'A' && out[j] <= 'Z') {
                        out[j] = (char) (out[j] + ('a' - 'A'));
                    }
                }
                return new String(out);
            }
        }
        return s;
    }

    private static List<String> nonEmpty(String literal) {
        return literal.isEmpty() ? null : List.of(literal);
    }

    /**
     * The literal characters from {@code pos} up to the first metacharacter, without a last character that
     * a quantifier makes optional or repeats (the rest is still required).
     */
    private static String literalRun(String regex, int pos) {
        StringBuilder run = new StringBuilder();
        int i = pos;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int width;
            if (c == '\\') {
                if (i + 1 >= regex.length() || Character.isLetterOrDigit(regex.charAt(i + 1))) {
                    break; // \b, \s, \w, \d, \x...: not a literal character
                }
                c = regex.charAt(i + 1);
                width = 2;
            } else if (META.indexOf(c) >= 0) {
                break;
            } else {
                width = 1;
            }
            if (isQuantifier(regex, i + width)) {
                break;
            }
            run.append(c);
            i += width;
        }
        return run.toString();
    }

    /** The opening literal of each alternative of the group at {@code open}; null if one has none or the group is optional. */
    private static List<String> group(String regex, int open) {
        int pos = open + 1;
        if (regex.startsWith("?:", pos)) {
            pos += 2;
        } else if (regex.startsWith("?P<", pos) || regex.startsWith("?<", pos)) {
            pos = regex.indexOf('>', pos) + 1;
            if (pos == 0) {
                return null;
            }
        }
        RegexSyntax.Alternation group = RegexSyntax.alternation(regex, pos);
        if (group == null || group.reachesEnd(regex) || isOptional(regex, group.end() + 1)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String alternative : group.alternatives()) {
            String literal = literalRun(alternative, 0);
            if (literal.isEmpty()) {
                return null;
            }
            out.add(literal);
        }
        return out;
    }

    /** The characters of a plain class such as {@code [(,]}; null for a negated class, a range or an escape class. */
    private static List<String> charClass(String regex, int open) {
        int end = RegexSyntax.classEnd(regex, open);
        if (end < 0 || isOptional(regex, end + 1)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = open + 1; i < end; i++) {
            char c = regex.charAt(i);
            if (c == '^' && i == open + 1 || c == '-' || c == '[') {
                return null;
            }
            if (c == '\\') {
                char next = regex.charAt(i + 1);
                if (Character.isLetterOrDigit(next)) {
                    return null;
                }
                c = next;
                i++;
            }
            out.add(String.valueOf(c));
        }
        return out.isEmpty() ? null : out.stream().distinct().toList();
    }

    private static boolean isQuantifier(String regex, int pos) {
        return pos < regex.length() && "*+?{".indexOf(regex.charAt(pos)) >= 0;
    }

    /** A quantifier at {@code pos} that allows zero repetitions. */
    private static boolean isOptional(String regex, int pos) {
        return pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '*' || regex.startsWith("{0", pos)
                || regex.startsWith("{,", pos));
    }

    /** Every "(?" opens a non-capturing or named group: no flag that changes how the literals compare. */
    private static boolean hasPlainGroupsOnly(String regex) {
        if (regex.contains("\\Q")) {
            return false;
        }
        for (int i = regex.indexOf("(?"); i >= 0; i = regex.indexOf("(?", i + 1)) {
            if (i > 0 && regex.charAt(i - 1) == '\\') {
                continue;
            }
            if (!regex.startsWith("(?:", i) && !regex.startsWith("(?P<", i) && !regex.startsWith("(?<", i)) {
                return false;
            }
        }
        return true;
    }

    /** True for a pattern that is an alternation (or one this class cannot follow, which counts as one). */
    private static boolean hasTopLevelBar(String regex) {
        RegexSyntax.Alternation whole = RegexSyntax.alternation(regex, 0);
        return whole == null || !whole.reachesEnd(regex) || whole.alternatives().size() > 1;
    }
}

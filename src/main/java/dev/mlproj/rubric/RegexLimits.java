package dev.mlproj.rubric;

/**
 * Bounds on a rubric pattern, checked before it is compiled. RE2/J matches in linear time, but compiling
 * is another matter: a counted repetition is expanded into copies of its operand, so
 * {@code ((a{1000}){1000}){1000}} asks for a billion instructions and exhausts memory, and deeply
 * nested groups overflow the stack of RE2/J's (and the JDK's) recursive parser.
 */
public final class RegexLimits {

    /** Instructions the expanded pattern may need; the built-in rubric's largest needs a few hundred. */
    static final int MAX_SIZE = 10_000;
    /** Group nesting; the built-in rubric nests three deep. */
    static final int MAX_DEPTH = 50;

    private RegexLimits() {
    }

    /** Null when {@code regex} is within bounds; otherwise what is wrong, for the error message. */
    public static String problem(String regex) {
        String repeated = repeatedAssertion(regex);
        if (repeated != null) {
            return "the assertion " + repeated + " is repeated, which means nothing (and the engines read it differently); remove the quantifier after it";
        }
        long[] size = new long[MAX_DEPTH + 2]; // per open group: the size of its alternatives so far
        long[] last = new long[MAX_DEPTH + 2]; // per open group: the size of its last atom, for a quantifier
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            long atom = 0;
            switch (c) {
                case '\\' -> {
                    i++;
                    if (i < regex.length() && (regex.charAt(i) == 'p' || regex.charAt(i) == 'P')
                            && i + 1 < regex.length() && regex.charAt(i + 1) == '{') {
                        int close = regex.indexOf('}', i);
                        i = close < 0 ? regex.length() : close;
                    }
                    atom = 1;
                }
                case '[' -> {
                    i = classEnd(regex, i);
                    atom = 1;
                }
                case '(' -> {
                    if (++depth > MAX_DEPTH) {
                        return "groups nested deeper than " + MAX_DEPTH + " levels";
                    }
                    size[depth] = 0;
                    last[depth] = 0;
                    continue;
                }
                case ')' -> {
                    if (depth == 0) {
                        continue; // unbalanced: the compiler reports it
                    }
                    atom = Math.max(1, size[depth--]);
                }
                case '|' -> {
                    last[depth] = 0;
                    continue;
                }
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    long count = close < 0 ? -1 : repeatCount(regex.substring(i + 1, close));
                    if (count < 0) {
                        atom = 1; // a literal '{'
                    } else {
                        size[depth] += last[depth] * (count - 1);
                        last[depth] *= count;
                        i = close;
                        if (size[depth] > MAX_SIZE) {
                            return "counted repetitions expand it to more than " + MAX_SIZE + " instructions";
                        }
                        continue;
                    }
                }
                case '*', '+', '?' -> {
                    continue; // a loop or an option: no copies
                }
                default -> atom = 1;
            }
            size[depth] += atom;
            last[depth] = atom;
            if (size[depth] > MAX_SIZE) {
                return "longer than " + MAX_SIZE + " instructions once compiled";
            }
        }
        return null;
    }

    /** The larger bound of a counted repetition body ("3", "2,", "2,5"), or -1 when it is not one. */
    /**
     * An assertion followed by a quantifier ({@code ^*}, {@code \\b?}, {@code $+}): RE2 takes it as an optional
     * assertion, while the scan's literal prefilter and match-start analysis took a leading {@code ^*} as an
     * anchor. The assertion as written, or null when there is none.
     */
    private static String repeatedAssertion(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            String assertion = null;
            int next = i + 1;
            if (c == '\\' && i + 1 < regex.length()) {
                char e = regex.charAt(i + 1);
                if ("bBAz".indexOf(e) >= 0) {
                    assertion = "\\" + e;
                }
                next = i + 2;
                if (e == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? regex.length() : end + 1;
                    continue;
                }
            } else if (c == '[') {
                i = classEnd(regex, i);
                continue;
            } else if (c == '^' || c == '$') {
                assertion = String.valueOf(c);
            }
            if (assertion != null && next < regex.length() && "*+?{".indexOf(regex.charAt(next)) >= 0) {
                return "'" + assertion + "'";
            }
            if (c == '\\') {
                i++;
            }
        }
        return null;
    }

    private static long repeatCount(String body) {
        if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
            return -1;
        }
        int comma = body.indexOf(',');
        if (comma < 0) {
            return Long.parseLong(body);
        }
        String max = body.substring(comma + 1);
        return Long.parseLong(max.isEmpty() ? body.substring(0, comma) : max);
    }

    private static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
                int close = regex.indexOf(":]", i + 2);
                i = close < 0 ? regex.length() : close + 1;
            } else if (c == ']') {
                return i;
            }
        }
        return regex.length();
    }
}

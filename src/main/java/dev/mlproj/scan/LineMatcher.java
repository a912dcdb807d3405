package dev.mlproj.scan;

/**
 * Finds a rubric pattern in one line, fast and never slower than linear time. The JDK's backtracking
 * engine is tried first, because it is several times faster than RE2/J on ordinary patterns; it runs
 * on a budget of character reads, and a pattern that exhausts it (catastrophic backtracking) is
 * answered by RE2/J, whose automaton is linear in the line's length. The JDK engine gets the pattern as
 * {@link JdkTranslation} writes it, RE2's semantics spelled out in JDK syntax, and not at all where the two
 * could disagree, so the answer is RE2/J's either way (a property test holds them to it).
 */
final class LineMatcher {

    /** Reads per character of input before the backtracking engine is abandoned for the line. */
    private static final int BUDGET_PER_CHAR = 64;
    private static final int BUDGET_BASE = 4096;

    /** Longer lines (minified code, data) go straight to the linear-time engine. */
    private static final int LONG_LINE = 2000;

    private final com.google.re2j.Pattern linear;
    private final java.util.regex.Pattern fast;
    /** How the JDK form was written, and on which lines it may be used; null when there is none. */
    private final JdkTranslation translation;
    /** True when the pattern cannot backtrack at all, so the JDK engine needs no budget. */
    private final boolean tame;
    /** Where a match can begin, when the pattern says so; null: anywhere. */
    private final MatchStart start;

    LineMatcher(com.google.re2j.Pattern linear) {
        this.linear = linear;
        this.translation = JdkTranslation.of(linear.pattern(), linear.flags());
        this.fast = translation == null ? null : jdkPattern(translation.regex);
        this.tame = isTame(linear.pattern());
        this.start = MatchStart.of(linear.pattern());
    }

    /**
     * True when the backtracking engine cannot backtrack at all: no repetition ('*', '+', '?', '{n,m}') and
     * no alternation, so a search costs at most the line's length times the pattern's. Anything else may:
     * nested repetition ((a+)+, (a|aa)*) is exponential, and so are long runs of choices without nesting
     * (a?a?a?...aaa, twenty (a|a) groups), while every unnested repetition multiplies the work by the
     * line's length (a*a*a*b is quartic over a whole line). Such patterns run on the read budget.
     */
    static boolean isTame(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                    return false; // a quoted stretch hides its metacharacters from this scan
                }
                i++;
            } else if (c == '[') {
                i = RegexSyntax.classEnd(regex, i);
                if (i < 0) {
                    return false;
                }
            } else if (c == '(' && i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
                i++; // (?:, (?i), (?P<name>: group syntax, not a quantifier
            } else if ("*+?{|".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }


    private static java.util.regex.Pattern jdkPattern(String regex) {
        try {
            return java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            return null; // RE2-only syntax (POSIX classes, say): RE2/J alone then
        }
    }

    boolean find(String line) {
        if (fast != null && line.length() <= LONG_LINE && translation.usableOn(line)) {
            if (tame) {
                return search(fast.matcher(line), line);
            }
            try {
                return search(fast.matcher(new BudgetedSequence(line, BUDGET_BASE + BUDGET_PER_CHAR * line.length())), line);
            } catch (BudgetExceeded e) {
                // fall through to the linear-time engine
            }
        }
        return linear.matcher(line).find();
    }

    private boolean search(java.util.regex.Matcher matcher, String line) {
        return start == null ? matcher.find() : start.find(matcher, line);
    }

    /** Thrown when a backtracking search has read too many characters. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** A line whose characters can be read only so many times. */
    static final class BudgetedSequence implements CharSequence {
        private final String text;
        private final int offset;
        private final int length;
        private final int[] budget;

        BudgetedSequence(String text, int budget) {
            this(text, 0, text.length(), new int[] {budget});
        }

        private BudgetedSequence(String text, int offset, int length, int[] budget) {
            this.text = text;
            this.offset = offset;
            this.length = length;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(offset + index);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedSequence(text, offset + start, end - start, budget);
        }

        @Override
        public String toString() {
            return text.substring(offset, offset + length);
        }
    }
}

package dev.mlproj.scan;

/**
 * Finds a rubric pattern in one line, fast and never slower than linear time. The JDK's backtracking
 * engine is tried first, because it is several times faster than RE2/J on ordinary patterns; it runs
 * on a budget of character reads, and a pattern that exhausts it (catastrophic backtracking) is
 * answered by RE2/J, whose automaton is linear in the line's length. Both engines accept the RE2
 * syntax the rubric loader admits, so the answer is the same either way.
 */
final class LineMatcher {

    /** Reads per character of input before the backtracking engine is abandoned for the line. */
    private static final int BUDGET_PER_CHAR = 64;
    private static final int BUDGET_BASE = 4096;

    /** Longer lines (minified code, data) go straight to the linear-time engine. */
    private static final int LONG_LINE = 2000;

    private final com.google.re2j.Pattern linear;
    private final java.util.regex.Pattern fast;
    /** True when the pattern cannot backtrack catastrophically, so the JDK engine needs no budget. */
    private final boolean tame;

    LineMatcher(com.google.re2j.Pattern linear) {
        this.linear = linear;
        this.fast = jdkPattern(linear.pattern());
        this.tame = isTame(linear.pattern());
    }

    /**
     * Catastrophic backtracking needs a quantified group that itself contains a quantifier or an
     * alternation (star height above one, as in (a+)+ or (a|aa)*). Patterns without one are matched by
     * the JDK engine directly, which lets it use its fast paths on String.
     */
    static boolean isTame(String regex) {
        int depth = 0;
        java.util.Deque<boolean[]> groups = new java.util.ArrayDeque<>(); // {contains quantifier or '|'}
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '[') {
                int close = regex.indexOf(']', i + 2);
                i = close < 0 ? regex.length() : close;
                continue;
            }
            if (c == '(') {
                groups.push(new boolean[1]);
                depth++;
            } else if (c == ')' && !groups.isEmpty()) {
                boolean[] inner = groups.pop();
                depth--;
                boolean quantified = i + 1 < regex.length() && "*+?{".indexOf(regex.charAt(i + 1)) >= 0;
                boolean repeated = quantified && regex.charAt(i + 1) != '?';
                if (repeated && inner[0]) {
                    return false;
                }
                if (!groups.isEmpty() && (inner[0] || quantified)) {
                    groups.peek()[0] = true;
                }
            } else if ((c == '*' || c == '+' || c == '{' || c == '|') && !groups.isEmpty()) {
                groups.peek()[0] = true;
            }
        }
        return depth == 0;
    }

    private static java.util.regex.Pattern jdkPattern(String regex) {
        try {
            return java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            return null; // RE2-only syntax (POSIX classes, say): RE2/J alone then
        }
    }

    boolean find(String line) {
        if (fast != null && line.length() <= LONG_LINE) {
            if (tame) {
                return fast.matcher(line).find();
            }
            try {
                return fast.matcher(new BudgetedSequence(line, BUDGET_BASE + BUDGET_PER_CHAR * line.length())).find();
            } catch (BudgetExceeded e) {
                // fall through to the linear-time engine
            }
        }
        return linear.matcher(line).find();
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

package dev.mlproj.scan;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Literal strings at least one of which must occur in any text a regular expression matches. Checking
 * them with {@link String#contains} first lets the scan skip the regex engine for almost every line,
 * which is how grep-like tools stay fast. A pattern we cannot reason about gets no prefilter and is
 * always run, so the prefilter can only save work, never change a result.
 */
final class LiteralPrefilter {

    private static final int MIN_LITERAL = 3;
    private static final int MAX_LITERALS = 64;
    /** Words on most lines of Python or prose; a rarer literal from the same pattern filters far better. */
    private static final Set<String> COMMON = Set.of("def", "class", "self", "return", "import", "from", "for",
            "the", "and", "with", "test", "data", "model", "train", "print", "none", "None", "True", "False");

    private final List<String> literals;
    private final boolean caseInsensitive;

    private LiteralPrefilter(List<String> literals, boolean caseInsensitive) {
        this.literals = literals;
        this.caseInsensitive = caseInsensitive;
    }

    /** Null when no safe set of literals could be derived. */
    static LiteralPrefilter of(String regex) {
        boolean ci = regex.contains("(?i)");
        String body = regex.replace("(?i)", "");
        try {
            Parser parser = new Parser(body);
            Set<String> required = parser.alternation();
            if (parser.pos != body.length() || required == null || required.size() > MAX_LITERALS) {
                return null;
            }
            List<String> literals = required.stream().map(s -> ci ? s.toLowerCase(Locale.ROOT) : s).distinct().toList();
            return new LiteralPrefilter(literals, ci);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    boolean caseInsensitive() {
        return caseInsensitive;
    }

    List<String> literals() {
        return literals;
    }

    /** @param text the text, already lower-cased when this prefilter is case-insensitive */
    boolean mayMatch(String text) {
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Recursive descent over the regex syntax we need; anything unusual gives up (throws). */
    private static final class Parser {
        private static final int MAX_PRODUCT = 64;

        private final String s;
        private int pos;
        /** Set by {@link #alternation()}: every alternative was a plain literal, so the set is exact. */
        private boolean exact;

        Parser(String s) {
            this.s = s;
        }

        /** The union of each alternative's requirement; null if any alternative has none. */
        Set<String> alternation() {
            Set<String> union = new HashSet<>();
            boolean ok = true;
            boolean allExact = true;
            while (true) {
                Sequence alt = sequence();
                if (alt.required == null) {
                    ok = false;
                } else {
                    union.addAll(alt.required);
                }
                allExact &= alt.exact != null;
                if (pos < s.length() && s.charAt(pos) == '|') {
                    pos++;
                    continue;
                }
                exact = ok && allExact;
                return ok ? union : null;
            }
        }

        /** What a sequence requires, and its exact value when it is a plain literal (or a product of them). */
        private record Sequence(Set<String> required, Set<String> exact) { }

        /**
         * Walks a sequence keeping the set of strings the current stretch of literals (and exact groups)
         * must equal; each break turns that stretch into a candidate requirement, the best of which wins.
         */
        private Sequence sequence() {
            Set<String> best = null;
            Set<String> current = new HashSet<>(Set.of(""));
            boolean wholeIsLiteral = true;
            while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
                char c = s.charAt(pos);
                if (c == '(') {
                    pos++;
                    if (s.startsWith("?:", pos)) {
                        pos += 2;
                    } else if (s.startsWith("?P<", pos) || s.startsWith("?<", pos)) {
                        pos = s.indexOf('>', pos) + 1;
                        if (pos == 0) {
                            throw new IllegalStateException();
                        }
                    } else if (pos < s.length() && s.charAt(pos) == '?') {
                        throw new IllegalStateException();
                    }
                    Set<String> inner = alternation();
                    boolean innerExact = exact;
                    if (pos >= s.length() || s.charAt(pos) != ')') {
                        throw new IllegalStateException();
                    }
                    pos++;
                    if (optionalQuantifier()) {
                        best = betterSet(best, current);
                        current = new HashSet<>(Set.of(""));
                        wholeIsLiteral = false;
                    } else if (isRepeat()) {
                        skipQuantifier();
                        best = betterSet(best, innerExact ? product(current, inner) : current);
                        best = betterSet(best, inner);
                        current = new HashSet<>(Set.of(""));
                        wholeIsLiteral = false;
                    } else if (innerExact && current.size() * inner.size() <= MAX_PRODUCT) {
                        current = product(current, inner);
                    } else {
                        best = betterSet(best, current);
                        best = betterSet(best, inner);
                        current = new HashSet<>(Set.of(""));
                        wholeIsLiteral = false;
                    }
                } else if (c == '[') {
                    best = betterSet(best, current);
                    current = new HashSet<>(Set.of(""));
                    wholeIsLiteral = false;
                    skipClass();
                    skipQuantifier();
                } else if (c == '\\') {
                    if (pos + 1 >= s.length()) {
                        throw new IllegalStateException();
                    }
                    char next = s.charAt(pos + 1);
                    pos += 2;
                    if (Character.isLetterOrDigit(next)) {
                        // \b, \s, \w, \d ... are not literal characters; \b matches no character at all.
                        if (next != 'b' || isQuantifierNext()) {
                            best = betterSet(best, current);
                            current = new HashSet<>(Set.of(""));
                            wholeIsLiteral = false;
                            skipQuantifier();
                        }
                    } else {
                        current = literal(current, next);
                        Set<String>[] flushed = afterLiteral(best, current);
                        if (flushed != null) {
                            best = flushed[0];
                            current = flushed[1];
                            wholeIsLiteral = false;
                        }
                    }
                } else if (c == '.' || c == '^' || c == '$') {
                    best = betterSet(best, current);
                    current = new HashSet<>(Set.of(""));
                    wholeIsLiteral = false;
                    pos++;
                    skipQuantifier();
                } else if (c == '*' || c == '+' || c == '?' || c == '{') {
                    throw new IllegalStateException(); // a quantifier with nothing before it
                } else {
                    pos++;
                    current = literal(current, c);
                    Set<String>[] flushed = afterLiteral(best, current);
                    if (flushed != null) {
                        best = flushed[0];
                        current = flushed[1];
                        wholeIsLiteral = false;
                    }
                }
            }
            Set<String> exactValue = wholeIsLiteral && !current.contains("") ? current : null;
            return new Sequence(betterSet(best, current), exactValue);
        }

        private static Set<String> literal(Set<String> current, char c) {
            Set<String> out = new HashSet<>();
            for (String prefix : current) {
                out.add(prefix + c);
            }
            return out;
        }

        private static Set<String> product(Set<String> left, Set<String> right) {
            Set<String> out = new HashSet<>();
            for (String a : left) {
                for (String b : right) {
                    out.add(a + b);
                }
            }
            return out;
        }

        /** After a literal character: null to go on, or {best, current} when a quantifier ended the stretch. */
        @SuppressWarnings("unchecked")
        private Set<String>[] afterLiteral(Set<String> best, Set<String> current) {
            if (optionalQuantifier()) {
                Set<String> trimmed = new HashSet<>();
                for (String str : current) {
                    trimmed.add(str.substring(0, str.length() - 1));
                }
                return new Set[] {betterSet(best, trimmed), new HashSet<>(Set.of(""))};
            }
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '{')) {
                skipQuantifier();
                return new Set[] {betterSet(best, current), new HashSet<>(Set.of(""))};
            }
            return null;
        }

        private boolean isRepeat() {
            return pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '{');
        }

        private boolean isQuantifierNext() {
            return pos < s.length() && "*+?{".indexOf(s.charAt(pos)) >= 0;
        }

        /** True (and consumed) for ?, * and {0,...}: the preceding element may be absent. */
        private boolean optionalQuantifier() {
            if (pos >= s.length()) {
                return false;
            }
            char c = s.charAt(pos);
            if (c == '?' || c == '*') {
                pos++;
                if (pos < s.length() && s.charAt(pos) == '?') {
                    pos++;
                }
                return true;
            }
            if (c == '{' && s.startsWith("{0", pos)) {
                skipQuantifier();
                return true;
            }
            return false;
        }

        private void skipQuantifier() {
            if (pos >= s.length()) {
                return;
            }
            char c = s.charAt(pos);
            if (c == '+' || c == '*' || c == '?') {
                pos++;
            } else if (c == '{') {
                int close = s.indexOf('}', pos);
                if (close < 0) {
                    throw new IllegalStateException();
                }
                pos = close + 1;
            } else {
                return;
            }
            if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
                pos++;
            }
        }

        private void skipClass() {
            pos++;
            if (pos < s.length() && s.charAt(pos) == '^') {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
            }
            while (pos < s.length() && s.charAt(pos) != ']') {
                if (s.charAt(pos) == '\\') {
                    pos++;
                }
                pos++;
            }
            if (pos >= s.length()) {
                throw new IllegalStateException();
            }
            pos++;
        }

        /** Prefers the set whose weakest literal is most selective: fewer false candidates. */
        private static Set<String> betterSet(Set<String> best, Set<String> candidate) {
            if (candidate == null || candidate.isEmpty() || candidate.size() > MAX_LITERALS || shortest(candidate) < MIN_LITERAL) {
                return best;
            }
            if (best == null || score(candidate) > score(best)) {
                return candidate;
            }
            return best;
        }

        /** Length of the weakest literal; a very common word scores as if it were a single letter. */
        private static int score(Set<String> set) {
            return set.stream().mapToInt(s -> COMMON.contains(s.trim()) ? 1 : s.length()).min().orElse(0);
        }

        private static int shortest(Set<String> set) {
            return set.stream().mapToInt(String::length).min().orElse(0);
        }
    }
}

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
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        /** The union of each alternative's requirement; null if any alternative has none. */
        Set<String> alternation() {
            Set<String> union = new HashSet<>();
            boolean ok = true;
            while (true) {
                Set<String> alt = sequence();
                if (alt == null) {
                    ok = false;
                } else {
                    union.addAll(alt);
                }
                if (pos < s.length() && s.charAt(pos) == '|') {
                    pos++;
                    continue;
                }
                return ok ? union : null;
            }
        }

        /** The best single required element of a sequence: a literal run or a group's literal set. */
        private Set<String> sequence() {
            Set<String> best = null;
            StringBuilder run = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
                char c = s.charAt(pos);
                if (c == '(') {
                    best = better(best, run);
                    run.setLength(0);
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
                    if (pos >= s.length() || s.charAt(pos) != ')') {
                        throw new IllegalStateException();
                    }
                    pos++;
                    if (!optionalQuantifier()) {
                        skipQuantifier();
                        best = betterSet(best, inner);
                    }
                } else if (c == '[') {
                    best = better(best, run);
                    run.setLength(0);
                    skipClass();
                    skipQuantifier();
                } else if (c == '\\') {
                    if (pos + 1 >= s.length()) {
                        throw new IllegalStateException();
                    }
                    char next = s.charAt(pos + 1);
                    pos += 2;
                    if (Character.isLetterOrDigit(next)) {
                        // \b, \s, \w, \d ... are not literal characters.
                        best = better(best, run);
                        run.setLength(0);
                        skipQuantifier();
                    } else {
                        appendLiteral(run, next);
                        best = afterLiteral(best, run);
                    }
                } else if (c == '.' || c == '^' || c == '$') {
                    best = better(best, run);
                    run.setLength(0);
                    pos++;
                    skipQuantifier();
                } else if (c == '*' || c == '+' || c == '?' || c == '{') {
                    throw new IllegalStateException(); // a quantifier with nothing before it
                } else {
                    pos++;
                    appendLiteral(run, c);
                    best = afterLiteral(best, run);
                }
            }
            return better(best, run);
        }

        private void appendLiteral(StringBuilder run, char c) {
            run.append(c);
        }

        /** Handles a quantifier after the literal just appended. */
        private Set<String> afterLiteral(Set<String> best, StringBuilder run) {
            if (optionalQuantifier()) {
                run.setLength(run.length() - 1);
                Set<String> b = better(best, run);
                run.setLength(0);
                return b;
            }
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '{')) {
                skipQuantifier();
                Set<String> b = better(best, run);
                run.setLength(0);
                return b;
            }
            return best;
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

        private static Set<String> better(Set<String> best, CharSequence run) {
            if (run.length() == 0) {
                return best;
            }
            return betterSet(best, Set.of(run.toString()));
        }

        /** Prefers the set whose shortest literal is longest: fewer false candidates. */
        private static Set<String> betterSet(Set<String> best, Set<String> candidate) {
            if (candidate == null || candidate.isEmpty() || shortest(candidate) < MIN_LITERAL) {
                return best;
            }
            if (best == null || shortest(candidate) > shortest(best)) {
                return candidate;
            }
            return best;
        }

        private static int shortest(Set<String> set) {
            return set.stream().mapToInt(String::length).min().orElse(0);
        }
    }
}

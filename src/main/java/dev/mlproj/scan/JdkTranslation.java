package dev.mlproj.scan;

/**
 * An RE2 pattern written for the JDK engine so that both give the same answer on every line, or null when
 * that cannot be promised (RE2/J alone then answers). RE2/J is the engine of record; the JDK engine is only
 * a faster way to the same answer, so wherever their semantics part, the JDK form spells out RE2's:
 * <ul>
 *   <li>{@code \s} is RE2's {@code [\t\n\f\r ]} (the JDK's adds the vertical tab);</li>
 *   <li>{@code .} is RE2's {@code [^\n]} (the JDK's also stops at \r, U+0085, U+2028 and U+2029);</li>
 *   <li>{@code $} is RE2's end of text, {@code \z} (the JDK's also matches before a final line terminator);</li>
 *   <li>{@code \b} and {@code \B} are RE2's ASCII word boundaries (the JDK 17's count Unicode letters);</li>
 *   <li>{@code (?P<name>} is the JDK's {@code (?<name>}.</li>
 * </ul>
 * Refused (RE2/J alone): POSIX and nested classes ({@code [[:alpha:]]} is a union of five characters to the
 * JDK), {@code &&} in a class (an intersection to the JDK), {@code \p} classes, flags other than {@code i}
 * ({@code (?U)} is ungreedy to RE2 and Unicode classes to the JDK), and escapes the JDK reads differently.
 * {@code (?i)} folds case by Unicode rules in RE2 (k matches the Kelvin sign) and by ASCII in the JDK, so a
 * case-insensitive pattern is tried on the JDK engine only for ASCII lines ({@link #caseInsensitive}).
 */
final class JdkTranslation {

    private static final String WORD = "[0-9A-Za-z_]";
    private static final String BOUNDARY = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final String NOT_BOUNDARY = "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";

    final String regex;
    final boolean caseInsensitive;

    private JdkTranslation(String regex, boolean caseInsensitive) {
        this.regex = regex;
        this.caseInsensitive = caseInsensitive;
    }

    /** The JDK form of {@code re2}, or null when the engines could disagree on it. */
    static JdkTranslation of(String re2, int re2Flags) {
        boolean fold = (re2Flags & com.google.re2j.Pattern.CASE_INSENSITIVE) != 0;
        if ((re2Flags & ~com.google.re2j.Pattern.CASE_INSENSITIVE) != 0) {
            return null;
        }
        StringBuilder out = new StringBuilder(re2.length() + 16);
        if (fold) {
            out.append("(?i)");
        }
        for (int i = 0; i < re2.length(); i++) {
            char c = re2.charAt(i);
            if (c > 0x7f) {
                if (fold) {
                    return null; // Unicode case folding differs
                }
                out.append(c);
            } else if (c == '\\') {
                if (i + 1 >= re2.length()) {
                    return null;
                }
                char e = re2.charAt(++i);
                switch (e) {
                    case 's' -> out.append("[\\t\\n\\f\\r ]");
                    case 'S' -> out.append("[^\\t\\n\\f\\r ]");
                    case 'b' -> out.append(BOUNDARY);
                    case 'B' -> out.append(NOT_BOUNDARY);
                    case 'd', 'D', 'w', 'W', 'A', 'z', 't', 'n', 'r', 'f' -> out.append('\\').append(e);
                    case 'Q' -> {
                        int end = re2.indexOf("\\E", i + 1);
                        String quoted = end < 0 ? re2.substring(i + 1) : re2.substring(i + 1, end);
                        if (fold && !quoted.chars().allMatch(ch -> ch < 0x80)) {
                            return null;
                        }
                        out.append(java.util.regex.Pattern.quote(quoted));
                        i = end < 0 ? re2.length() : end + 1;
                    }
                    default -> {
                        if (e < 0x80 && !Character.isLetterOrDigit(e)) {
                            out.append('\\').append(e); // escaped punctuation: a literal in both
                        } else {
                            return null; // \p, \x, octal, \C, ...: read differently or not at all
                        }
                    }
                }
            } else if (c == '[') {
                int end = RegexSyntax.classEnd(re2, i);
                if (end < 0) {
                    return null; // nested or POSIX class
                }
                String body = re2.substring(i + 1, end);
                String translated = classBody(body, fold);
                if (translated == null) {
                    return null;
                }
                out.append('[').append(translated).append(']');
                i = end;
            } else if (c == '.') {
                out.append("[^\\n]");
            } else if (c == '$') {
                out.append("\\z");
            } else if (c == '(' && i + 1 < re2.length() && re2.charAt(i + 1) == '?') {
                int j = i + 2;
                if (re2.startsWith("P<", j)) {
                    out.append("(?<");
                    i = j + 1;
                    continue;
                }
                // (?:  (?i)  (?i:  are the only group flags both engines read the same way
                int k = j;
                while (k < re2.length() && Character.isLetter(re2.charAt(k))) {
                    if (re2.charAt(k) != 'i') {
                        return null;
                    }
                    k++;
                }
                if (k < re2.length() && (re2.charAt(k) == ':' || re2.charAt(k) == ')')) {
                    if (k > j) {
                        if (!asciiOnly(re2)) {
                            return null;
                        }
                        fold = true;
                    }
                    out.append(re2, i, k + 1);
                    i = k;
                } else {
                    return null;
                }
            } else {
                out.append(c);
            }
        }
        return new JdkTranslation(out.toString(), fold);
    }

    private static boolean asciiOnly(String s) {
        return s.chars().allMatch(ch -> ch < 0x80);
    }

    /** A class body in JDK syntax, or null for one the JDK reads differently. */
    private static String classBody(String body, boolean fold) {
        if (body.contains("&&")) {
            return null;
        }
        StringBuilder out = new StringBuilder(body.length() + 8);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c > 0x7f && fold) {
                return null;
            }
            if (c == '\\') {
                if (i + 1 >= body.length()) {
                    return null;
                }
                char e = body.charAt(++i);
                switch (e) {
                    case 's' -> out.append("\\t\\n\\f\\r ");
                    case 'd', 'w', 't', 'n', 'r', 'f' -> out.append('\\').append(e);
                    default -> {
                        if (e < 0x80 && !Character.isLetterOrDigit(e)) {
                            out.append('\\').append(e);
                        } else {
                            return null;
                        }
                    }
                }
            } else if (c == '[') {
                return null;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the JDK form may be used on {@code line}: always, but for a case-insensitive one only on ASCII. */
    boolean usableOn(String line) {
        if (!caseInsensitive) {
            return true;
        }
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}

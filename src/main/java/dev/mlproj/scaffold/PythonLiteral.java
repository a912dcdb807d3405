package dev.mlproj.scaffold;

import java.util.Set;

/** Python source literals for values that come from the user's data (column names, categories, numbers). */
final class PythonLiteral {

    static final Set<String> KEYWORDS = Set.of("false", "none", "true", "and", "as", "assert", "async", "await", "break",
            "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
            "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    private PythonLiteral() {
    }

    /** A double-quoted Python string whose value is exactly {@code s}. */
    static String of(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && !Character.isLetterOrDigit(cp) && Character.isISOControl(cp))
                            || Character.getType(cp) == Character.LINE_SEPARATOR || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                        out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** A Python float literal. */
    static String of(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "None";
        }
        return Double.toString(d).replace("E", "e");
    }
}

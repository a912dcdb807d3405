package dev.mlproj.report;

/**
 * Control characters in text that came from a repository (file names, evidence lines, warnings) made
 * visible: a terminal must never receive an escape sequence a repository's author chose
 * ({@code touch $'\e[2J.py'} cleared the screen of whoever read the report). Every C0 control but the tab,
 * DEL, and every C1 control is written as {@code \xNN}; a backslash is left alone, so ordinary text reads
 * as before.
 */
public final class Controls {

    private Controls() {
    }

    /** {@code s} with every control character but the tab shown as {@code \xNN}. */
    public static String visible(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }
}

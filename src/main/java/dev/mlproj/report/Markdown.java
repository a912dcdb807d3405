package dev.mlproj.report;

/** Inline GitHub-flavoured Markdown: escaping and code spans for text from rubrics and repositories. */
final class Markdown {

    private static final String SPECIAL = "\\`*_[]<>|~#!";

    private Markdown() {
    }

    /**
     * Text that renders as itself: Markdown and HTML punctuation backslash-escaped, control characters made
     * visible, and mentions ({@code @user}, {@code @org/team}) broken so they notify nobody. (Code spans
     * never mention anyone.)
     */
    static String escape(String raw) {
        String s = Controls.visible(raw);
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
            if (c == '@') {
                // A word joiner after it: "@org/team" from a repository must not notify anyone where the
                // report is posted (a pull-request comment, a job summary).
                out.append('\u2060');
            }
        }
        return out.toString();
    }

    /** A code span that survives backticks inside it (a longer fence, padded when needed). */
    static String code(String raw) {
        String s = Controls.visible(raw);
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = s.startsWith("`") || s.endsWith("`") || s.isBlank();
        return fence + (pad ? " " + s + " " : s) + fence;
    }

    /** A link destination: an already percent-encoded URL with the characters Markdown reads in it encoded too. */
    static String url(String u) {
        return u.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20");
    }
}

package dev.mlproj.scan;

/** Where a fact was seen: a repository-relative path, a 1-based line (0 when the whole file or repository), and what was seen. */
public record Evidence(String path, int line, String detail) {

    private static final int MAX_DETAIL = 100;
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    public Evidence {
        detail = clip(detail == null ? "" : detail.strip());
    }

    public static Evidence ofFile(String path, String detail) {
        return new Evidence(path, 0, detail);
    }

    public static Evidence ofRepository(String detail) {
        return new Evidence("", 0, detail);
    }

    /** "path:line" or "path" or "" for repository-wide evidence. */
    public String location() {
        if (path.isEmpty()) {
            return "";
        }
        return line > 0 ? path + ":" + line : path;
    }

    private static String clip(String text) {
        String oneLine = text.indexOf('\n') < 0 && text.indexOf('\t') < 0 && !text.contains("  ") ? text
                : WHITESPACE.matcher(text).replaceAll(" ");
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL - 3) + "...";
    }
}

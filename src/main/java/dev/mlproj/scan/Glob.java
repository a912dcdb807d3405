package dev.mlproj.scan;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Path globs as rubrics write them: '*' and '?' stay within a directory, '**' crosses directories,
 * '{a,b}' alternates, '[..]' is a class. A glob also matches a file by its name alone, and a leading
 * "**&#47;" also matches at the top level, as in .gitignore and most tools. Compiled once to a regex
 * that runs on the path string, which is much cheaper than building Path objects per check.
 */
public final class Glob {

    /** No real glob is longer; a bound keeps a hostile one from costing much to compile. */
    static final int MAX_LENGTH = 1024;
    /** Braces nested deeper than this are refused (they become nested groups for the regex parser). */
    static final int MAX_BRACE_DEPTH = 10;

    /** Globs with at most this many '*' or '**' wildcards (and no braces) run on the JDK engine. */
    private static final int MAX_JDK_WILDCARDS = 2;

    /** Whole-path matcher: the JDK engine for simple globs, RE2/J (linear time) for the rest. */
    private final java.util.function.Predicate<String> pattern;
    /**
     * For the common name-only shapes ("**&#47;*.ext", "**&#47;pipeline*.py", "*batch*"): the pieces between
     * the stars, matched against the file name with indexOf, which is far cheaper than a regex.
     */
    private final String[] namePieces;
    /**
     * The literal text the glob ends with ("*.yml" ends with ".yml"), or "". A path that does not end with
     * it cannot match, nor can its file name (the end of the path): most paths are turned away by this
     * endsWith before any regex runs.
     */
    private final String tail;
    /** The longest literal stretch of the glob ("config/" in "**&#47;config/*.py"): a path without it cannot match. */
    private final String required;

    private Glob(java.util.function.Predicate<String> pattern, String[] namePieces, String tail, String required) {
        this.pattern = pattern;
        this.namePieces = namePieces;
        this.tail = tail;
        this.required = required;
    }

    /**
     * Compiles a glob. Matching a path is anchored, so a backtracking engine costs about the path's length
     * to the power of the number of wildcards: '**a**a**a**b' on a long path would never finish. Globs
     * with more wildcards than {@value #MAX_JDK_WILDCARDS}, or with braces, therefore use RE2/J.
     *
     * @throws IllegalArgumentException for an unclosed '[' or an unbalanced '{'
     */
    public static Glob of(String glob) {
        if (glob.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        String regex = toRegex(glob);
        java.util.function.Predicate<String> pattern;
        if (wildcards(glob) <= MAX_JDK_WILDCARDS && glob.indexOf('{') < 0) {
            Pattern jdk = Pattern.compile(regex);
            pattern = path -> jdk.matcher(path).matches();
        } else {
            com.google.re2j.Pattern re2;
            try {
                re2 = com.google.re2j.Pattern.compile(regex);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw new IllegalArgumentException(e.getDescription());
            }
            pattern = path -> re2.matcher(path).matches();
        }
        String rest = glob.startsWith("**/") ? glob.substring(3) : glob;
        boolean simpleName = rest.chars().noneMatch(c -> "?[]{}/\\".indexOf(c) >= 0) && !rest.contains("**");
        return new Glob(pattern, simpleName ? rest.split("\\*", -1) : null, literalTail(glob), longestLiteral(glob));
    }

    /**
     * The longest stretch of the glob outside wildcards, classes and braces. Every string the glob matches
     * contains it, and a file name is part of its path, so a path without it matches neither way.
     */
    static String longestLiteral(String glob) {
        String best = "";
        int start = 0;
        int braces = 0;
        for (int i = 0; i <= glob.length(); i++) {
            char c = i < glob.length() ? glob.charAt(i) : '*';
            boolean special = "*?[]{},\\".indexOf(c) >= 0 || braces > 0;
            if (c == '{') {
                braces++;
            } else if (c == '}' && braces > 0) {
                braces--;
                special = true;
            }
            if (special) {
                if (i - start > best.length()) {
                    best = glob.substring(start, i);
                }
                // The '/' after "**" is optional ("**/x" matches "x"), so it belongs to no literal stretch.
                boolean optionalSlash = c == '*' && i + 2 < glob.length() && glob.charAt(i + 1) == '*' && glob.charAt(i + 2) == '/';
                start = optionalSlash ? i + 3 : i + 1;
                if (optionalSlash) {
                    i += 2;
                }
            }
        }
        return best;
    }

    /** The glob's literal ending, after its last wildcard, class, brace or escape. */
    static String literalTail(String glob) {
        int start = glob.length();
        while (start > 0 && "*?[]{},\\".indexOf(glob.charAt(start - 1)) < 0) {
            start--;
        }
        // A backslash-escaped character just before the tail would be part of it; the scan stops there instead.
        return glob.substring(start);
    }

    /** Name-only glob with '*' wildcards: pieces in order, the first anchored at the start, the last at the end. */
    private boolean nameMatches(String name) {
        String first = namePieces[0];
        String last = namePieces[namePieces.length - 1];
        if (namePieces.length == 1) {
            return name.equals(first);
        }
        if (!name.startsWith(first) || !name.endsWith(last) || name.length() < first.length() + last.length()) {
            return false;
        }
        int at = first.length();
        int end = name.length() - last.length();
        for (int i = 1; i < namePieces.length - 1; i++) {
            int found = name.indexOf(namePieces[i], at);
            if (found < 0 || found + namePieces[i].length() > end) {
                return false;
            }
            at = found + namePieces[i].length();
        }
        return true;
    }

    /** True if any glob matches the path or the path's file name. */
    public static boolean anyMatches(List<Glob> globs, String path) {
        String name = null;
        for (Glob g : globs) {
            if (name == null) {
                name = path.substring(path.lastIndexOf('/') + 1);
            }
            if (g.namePieces != null) {
                // A name-only glob matches the path exactly when it matches the file name.
                if (g.nameMatches(name)) {
                    return true;
                }
                continue;
            }
            if (!path.endsWith(g.tail) || !path.contains(g.required)) {
                continue;
            }
            if (g.pattern.test(path) || (name.length() != path.length() && g.pattern.test(name))) {
                return true;
            }
        }
        return false;
    }

    /** Runs of '*' (a '*' or a '**'), outside classes. */
    static int wildcards(String glob) {
        int runs = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                i = close < 0 ? glob.length() : close;
            } else if (c == '*' && (i == 0 || glob.charAt(i - 1) != '*')) {
                runs++;
            }
        }
        return runs;
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            re.append("(?:.*/)?");
                        } else {
                            re.append(".*");
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '{' -> {
                    if (++braces > MAX_BRACE_DEPTH) {
                        throw new IllegalArgumentException("braces nested deeper than " + MAX_BRACE_DEPTH + " levels");
                    }
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        re.append(')');
                    } else {
                        re.append("\\}");
                    }
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed '[' in glob");
                    }
                    String body = glob.substring(i + 1, close).replace("\\", "\\\\");
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body).append(']');
                    i = close;
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("unbalanced '{' in glob");
        }
        return re.toString();
    }
}

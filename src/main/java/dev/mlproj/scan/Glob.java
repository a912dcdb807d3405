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

    private final Pattern pattern;
    /**
     * For the common name-only shapes ("**&#47;*.ext", "**&#47;pipeline*.py", "*batch*"): the pieces between
     * the stars, matched against the file name with indexOf, which is far cheaper than a regex.
     */
    private final String[] namePieces;

    private Glob(Pattern pattern, String[] namePieces) {
        this.pattern = pattern;
        this.namePieces = namePieces;
    }

    public static Glob of(String glob) {
        Pattern pattern = Pattern.compile(toRegex(glob));
        String rest = glob.startsWith("**/") ? glob.substring(3) : glob;
        boolean simpleName = rest.chars().noneMatch(c -> "?[]{}/\\".indexOf(c) >= 0) && !rest.contains("**");
        return new Glob(pattern, simpleName ? rest.split("\\*", -1) : null);
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
            if (g.pattern.matcher(path).matches() || (name.length() != path.length() && g.pattern.matcher(name).matches())) {
                return true;
            }
        }
        return false;
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
                    braces++;
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

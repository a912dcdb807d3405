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
    /** For the common "**&#47;*.ext" and "*.ext" shapes: the suffix alone decides, no regex needed. */
    private final String suffix;

    private Glob(Pattern pattern, String suffix) {
        this.pattern = pattern;
        this.suffix = suffix;
    }

    public static Glob of(String glob) {
        Pattern pattern = Pattern.compile(toRegex(glob));
        String rest = glob.startsWith("**/") ? glob.substring(3) : glob;
        boolean suffixOnly = rest.startsWith("*") && rest.length() > 1
                && rest.substring(1).chars().noneMatch(c -> "*?[]{}/\\".indexOf(c) >= 0);
        return new Glob(pattern, suffixOnly ? rest.substring(1) : null);
    }

    /** True if any glob matches the path or the path's file name. */
    public static boolean anyMatches(List<Glob> globs, String path) {
        String name = null;
        for (Glob g : globs) {
            if (g.suffix != null) {
                if (path.endsWith(g.suffix)) {
                    return true;
                }
                continue;
            }
            if (name == null) {
                name = path.substring(path.lastIndexOf('/') + 1);
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

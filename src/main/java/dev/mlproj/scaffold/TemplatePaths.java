package dev.mlproj.scaffold;

/** Path rules shared by templates, manifests and writers: nothing may point outside its root. */
final class TemplatePaths {

    static final String MUSTACHE_SUFFIX = ".mustache";

    private TemplatePaths() {
    }

    /**
     * True for a non-empty relative path of plain segments separated by '/': no absolute paths, no
     * drive letters, no backslashes, no '.' or '..' segments and nothing inside {@code .git}.
     */
    static boolean isSafeRelative(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains(":")
                || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equals(".git")) {
                return false;
            }
        }
        return true;
    }
}

package dev.mlproj.scan;

import java.util.Locale;

/** A Dockerfile counts only with a base image (FROM) and a command to run (CMD or ENTRYPOINT). */
final class DockerfileAnalyzer {

    private DockerfileAnalyzer() {
    }

    static void analyze(String path, String text, FactStore store) {
        Evidence from = null;
        Evidence entry = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String upper = line.toUpperCase(Locale.ROOT);
            if (from == null && upper.startsWith("FROM ") && line.substring(5).strip().length() > 0) {
                from = new Evidence(path, i + 1, line);
            } else if (upper.startsWith("CMD ") || upper.startsWith("CMD[") || upper.startsWith("ENTRYPOINT ")
                    || upper.startsWith("ENTRYPOINT[")) {
                entry = new Evidence(path, i + 1, line);
            }
        }
        if (from != null && entry != null) {
            store.add(FactType.DOCKERFILE, path, new Evidence(path, from.line(), from.detail() + " ... " + entry.detail()));
        } else {
            String missing = from == null && entry == null ? "no FROM and no CMD/ENTRYPOINT"
                    : from == null ? "no FROM base image" : "no CMD or ENTRYPOINT";
            store.add(FactType.DOCKERFILE_INCOMPLETE, path, Evidence.ofFile(path, missing));
        }
    }
}

package dev.mlproj.scaffold;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where an existing repository keeps its Python package, so that {@code next} writes files that import
 * it by its own name. The package is the directory with an {@code __init__.py}, at the top level or
 * under {@code src/}, holding the most Python files; without one, a name derived from the repository's
 * directory, under {@code src/} when the repository has one.
 *
 * @param packageDir the package directory relative to the root, '/'-separated
 */
public record RepoLayout(ProjectName project, String packageDir) {

    private static final Set<String> NOT_PACKAGES = Set.of("tests", "test", "docs", "doc", "notebooks", "scripts",
            "examples", "build", "dist", "venv", ".venv", "env", "site-packages", "node_modules", "configs", "data", "models");

    public static RepoLayout detect(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        String best = null;
        long bestCount = -1;
        for (String base : List.of("", "src/")) {
            Path parent = base.isEmpty() ? dir : dir.resolve(base);
            if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            for (Path candidate : children(parent)) {
                String name = candidate.getFileName().toString();
                if (NOT_PACKAGES.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith(".")
                        || !name.matches("[A-Za-z_][A-Za-z0-9_]*")
                        || !Files.isRegularFile(candidate.resolve("__init__.py"), LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long count = countPython(candidate);
                if (count > bestCount) {
                    bestCount = count;
                    best = base + name;
                }
            }
        }
        String repoName = dir.getFileName() == null ? "project" : dir.getFileName().toString();
        if (best != null) {
            String pkg = best.substring(best.lastIndexOf('/') + 1);
            return new RepoLayout(new ProjectName(repoName, pkg, titleFor(pkg)), best);
        }
        ProjectName derived;
        try {
            derived = ProjectName.parse(repoName);
        } catch (IllegalArgumentException e) {
            derived = new ProjectName(repoName, "app", "App");
        }
        String packageDir = Files.isDirectory(dir.resolve("src"), LinkOption.NOFOLLOW_LINKS) ? "src/" + derived.pkg() : derived.pkg();
        return new RepoLayout(derived, packageDir);
    }

    private static String titleFor(String pkg) {
        return ProjectName.titleOf(pkg.toLowerCase(Locale.ROOT));
    }

    private static List<Path> children(Path parent) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path p : entries) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(p);
                }
            }
        }
        dirs.sort(null);
        return dirs;
    }

    private static long countPython(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            return walk.filter(p -> p.toString().endsWith(".py")).count();
        }
    }
}

package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.SystemReader;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a user expects of a new Python project beyond the code: pyproject.toml (PEP 621) with the
 * dependencies the requirements files pin, a licence, ruff and pre-commit configuration, and a git
 * repository with a first commit. Rendered from {@code templates/shared/hygiene} and
 * {@code templates/shared/licenses} after the skeleton, because pyproject.toml lists what the skeleton's
 * requirements files say.
 */
public final class ProjectHygiene {

    /** The Python version the templates target (Dockerfiles, CI, requires-python). */
    public static final String DEFAULT_PYTHON = "3.11";

    private static final Pattern PYTHON = Pattern.compile("3\\.(\\d{1,2})");
    private static final Pattern AUTHOR = Pattern.compile("\\s*([^<>]*?)\\s*(?:<([^<>\\s]+@[^<>\\s]+)>)?\\s*");

    public enum License {
        MIT("mit", "MIT"), APACHE("apache-2.0", "Apache-2.0"), NONE("none", null);

        final String id;
        final String spdx;

        License(String id, String spdx) {
            this.id = id;
            this.spdx = spdx;
        }

        public static License parse(String value) {
            for (License l : values()) {
                if (l.id.equalsIgnoreCase(value)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("--license " + value + ": one of mit, apache-2.0, none");
        }
    }

    /** @param authorEmail null when unknown */
    public record Author(String name, String email) {

        /** "Name <email>" or "Name". */
        public static Author parse(String value) {
            var m = AUTHOR.matcher(value == null ? "" : value);
            if (!m.matches() || m.group(1).isEmpty()) {
                throw new IllegalArgumentException("--author '" + value + "': expected \"Name\" or \"Name <email@example.com>\"");
            }
            return new Author(m.group(1), m.group(2));
        }

        /** user.name and user.email from the user's git configuration, or null when it has no name. */
        public static Author fromGitConfig() {
            try {
                var config = SystemReader.getInstance().getUserConfig();
                String name = config.getString("user", null, "name");
                String email = config.getString("user", null, "email");
                return name == null || name.isBlank() ? null : new Author(name.trim(), email == null || email.isBlank() ? null : email.trim());
            } catch (Exception e) { // an unreadable or malformed ~/.gitconfig: no author, not a failure
                return null;
            }
        }
    }

    /** @param author null for "the TITLE authors" */
    public record Options(License license, Author author, String python) {

        /** @throws IllegalArgumentException naming --python */
        public static String checkPython(String python) {
            if (!PYTHON.matcher(python).matches() || Integer.parseInt(python.substring(2)) < 8) {
                throw new IllegalArgumentException("--python " + python + ": a Python 3 version such as 3.11 (3.8 or later)");
            }
            return python;
        }
    }

    private ProjectHygiene() {
    }

    /** The variables every template may use for the Python version. */
    public static void pythonVariables(Map<String, Object> variables, String python) {
        variables.put("pythonVersion", python);
        variables.put("pythonTag", "py3" + python.substring(2));
    }

    /** pyproject.toml, .pre-commit-config.yaml and LICENSE for a rendered skeleton. */
    public static List<PlannedFile> plan(TemplateLibrary library, Map<String, Object> baseVariables, List<PlannedFile> skeleton,
                                         Options options) throws ConfigException {
        Map<String, Object> v = new LinkedHashMap<>(baseVariables);
        pythonVariables(v, options.python());
        String authorName = options.author() != null ? options.author().name() : "The " + baseVariables.get("title") + " authors";
        v.put("author", authorName);
        v.put("authorNameToml", toml(authorName));
        v.put("hasAuthorEmail", options.author() != null && options.author().email() != null);
        v.put("authorEmailToml", options.author() != null && options.author().email() != null ? toml(options.author().email()) : "\"\"");
        v.put("hasLicense", options.license() != License.NONE);
        v.put("licenseSpdx", options.license().spdx == null ? "" : options.license().spdx);
        v.put("descriptionToml", toml(baseVariables.get("title") + ": a machine-learning project generated by mlproj"));
        List<Map<String, Object>> dependencies = requirements(skeleton, "requirements.txt");
        List<Map<String, Object>> service = requirements(skeleton, "requirements-service.txt");
        v.put("dependencies", dependencies);
        v.put("serviceDependencies", service);
        v.put("hasServiceDependencies", !service.isEmpty());
        String packageDir = String.valueOf(baseVariables.get("packageDir"));
        v.put("hasPackage", skeleton.stream().anyMatch(f -> f.path().equals(packageDir + "/__init__.py")));
        TemplateRenderer renderer = new TemplateRenderer(v);
        SkeletonPlanner planner = new SkeletonPlanner(library);
        List<PlannedFile> out = new ArrayList<>();
        for (TemplateLibrary.TemplateFile file : library.files("shared/hygiene")) {
            out.add(planner.render(SkeletonPlanner.outputPath(file, renderer), file, renderer, List.of()));
        }
        if (options.license() != License.NONE && !out.isEmpty()) { // a --templates tree without shared/hygiene gets none
            String source = "shared/licenses/" + options.license().id + (options.license() == License.MIT ? ".mustache" : "");
            out.add(planner.render("LICENSE", library.file(source), renderer, List.of()));
        }
        return out;
    }

    /** The requirement lines of one requirements file of the skeleton (options and comments left out). */
    static List<Map<String, Object>> requirements(List<PlannedFile> skeleton, String path) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PlannedFile f : skeleton) {
            if (!f.path().equals(path)) {
                continue;
            }
            for (String line : new String(f.content(), StandardCharsets.UTF_8).split("\n")) {
                String spec = line.replaceAll("\\s+#.*$", "").trim();
                if (spec.isEmpty() || spec.startsWith("#") || spec.startsWith("-")) {
                    continue;
                }
                out.add(Map.of("spec", toml(spec)));
            }
        }
        return out;
    }

    /** A TOML basic string. */
    static String toml(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * {@code git init} in the new project and a first commit of everything not ignored. Returns what a
     * user should know when it did not happen (null when it did).
     */
    public static String initialCommit(Path project, Author author, String message) {
        Path dir = project.toAbsolutePath().normalize();
        if (Files.exists(dir.resolve(".git"))) {
            return dir + " is already a git repository: the new files are left for you to commit";
        }
        Path parent = dir.getParent();
        if (parent != null) {
            FileRepositoryBuilder enclosing = new FileRepositoryBuilder().findGitDir(parent.toFile());
            File gitDir = enclosing.getGitDir();
            if (gitDir != null) {
                return dir + " is inside the git repository at " + gitDir.getParentFile()
                        + ": no nested repository was created (--no-git to silence this)";
            }
        }
        PersonIdent who = author != null && author.email() != null ? new PersonIdent(author.name(), author.email())
                : new PersonIdent(author != null ? author.name() : "mlproj", "mlproj@users.noreply.invalid");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
            return null;
        } catch (GitAPIException | RuntimeException e) {
            return "git init failed (" + e.getMessage() + "); the project itself is complete";
        }
    }

}

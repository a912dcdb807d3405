package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;
import dev.mlproj.config.YamlReader;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code templates/} tree: built into the jar, or a directory given with {@code --templates}.
 * Level {@code N}'s skeleton lives in {@code levelN/} (manifest.yaml, base/, focus/AREA/); shared layers
 * anywhere else under the root.
 */
public final class TemplateLibrary implements Closeable {

    /**
     * A file found in a template tree. @param relative its path inside that tree, '/'-separated;
     * @param path the file on disk, or null for a template read from the jar ({@link #read})
     */
    public record TemplateFile(String source, String relative, Path path) { }

    private static final String PROBE = "/templates/level1/manifest.yaml";

    private final Path root;
    private final String origin;
    /** The jar's templates, for the built-in library run from a jar (root is null then). */
    private final JarTemplates jar;

    private TemplateLibrary(Path root, String origin) {
        this.root = root;
        this.origin = origin;
        this.jar = null;
    }

    private TemplateLibrary(JarTemplates jar) {
        this.root = null;
        this.origin = "built-in";
        this.jar = jar;
    }

    /**
     * The templates inside the jar, indexed once per JVM from the jar's own entry list: no zip file system
     * (opening one parses the whole jar's directory into a tree of its own, the largest part of `new`'s
     * time), and entries are read through the JarFile the JDK already shares with the class loader.
     * Immutable once built, so batch threads share it.
     */
    private record JarTemplates(java.util.jar.JarFile file, java.util.NavigableMap<String, java.util.jar.JarEntry> entries) {

        private static volatile JarTemplates shared;

        static JarTemplates of(URL probe) throws IOException {
            JarTemplates current = shared;
            if (current != null) {
                return current;
            }
            synchronized (JarTemplates.class) {
                try {
                    if (shared == null) {
                    var connection = (java.net.JarURLConnection) probe.openConnection();
                    connection.setUseCaches(false);
                    java.util.jar.JarFile jarFile = new java.util.jar.JarFile(
                            new java.io.File(connection.getJarFileURL().toURI()), false);
                    java.util.TreeMap<String, java.util.jar.JarEntry> index = new java.util.TreeMap<>();
                    var all = jarFile.entries();
                    while (all.hasMoreElements()) {
                        java.util.jar.JarEntry e = all.nextElement();
                        if (!e.isDirectory() && e.getName().startsWith("templates/")) {
                            index.put(e.getName().substring("templates/".length()), e);
                        }
                    }
                    shared = new JarTemplates(jarFile, java.util.Collections.unmodifiableNavigableMap(index));
                    }
                    return shared;
                } catch (URISyntaxException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }

        byte[] read(String relative) throws IOException {
            java.util.jar.JarEntry e = entries.get(relative);
            if (e == null) {
                throw new IOException("no such template in the jar: " + relative);
            }
            try (var in = file.getInputStream(e)) {
                return in.readAllBytes();
            }
        }
    }

    /** The templates packaged with mlproj. */
    public static TemplateLibrary builtin() throws ConfigException {
        URL probe = TemplateLibrary.class.getResource(PROBE);
        if (probe == null) {
            throw new ConfigException("built-in templates missing from the jar (" + PROBE + ")");
        }
        try {
            URI uri = probe.toURI();
            if ("jar".equals(uri.getScheme())) {
                return new TemplateLibrary(JarTemplates.of(probe));
            }
            return new TemplateLibrary(Path.of(uri).getParent().getParent(), "built-in");
        } catch (URISyntaxException | IOException e) {
            throw new ConfigException("built-in templates could not be opened: " + e.getMessage());
        }
    }

    public static TemplateLibrary fromDirectory(Path dir) throws ConfigException {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("--templates " + dir + ": not a directory");
        }
        if (!Files.isRegularFile(dir.resolve("level1").resolve("manifest.yaml"))) {
            throw new ConfigException("--templates " + dir + ": not a templates tree (no level1/manifest.yaml)");
        }
        return new TemplateLibrary(dir.toAbsolutePath().normalize(), dir.toString());
    }

    public String origin() {
        return origin;
    }

    /**
     * The library's version: the first line of {@code VERSION} at its root, "unversioned" without one.
     * Recorded in every scaffold record; {@code mlproj update} compares it with the project's. Bump it with
     * every change to a template's output.
     */
    public String version() throws ConfigException {
        if (jar != null) {
            if (!jar.entries().containsKey("VERSION")) {
                return "unversioned";
            }
            String v = new String(read(new TemplateFile("VERSION", "VERSION", null), 1024), StandardCharsets.UTF_8)
                    .strip().lines().findFirst().orElse("").strip();
            if (v.isEmpty() || !v.matches("[A-Za-z0-9._+-]{1,64}")) {
                throw new ConfigException("templates/VERSION:1:1: '" + v + "' is not a version (letters, digits, '.', '_', '+', '-')");
            }
            return v;
        }
        Path file = root.resolve("VERSION");
        if (!Files.isRegularFile(file)) {
            return "unversioned";
        }
        refuseLinks("VERSION");
        try {
            if (Files.size(file) > 1024) {
                throw new ConfigException("templates/VERSION: over 1024 bytes; it holds one version string");
            }
            String v = Files.readString(file, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("").strip();
            if (v.isEmpty() || !v.matches("[A-Za-z0-9._+-]{1,64}")) {
                throw new ConfigException("templates/VERSION:1:1: '" + v + "' is not a version (letters, digits, '.', '_', '+', '-')");
            }
            return v;
        } catch (IOException e) {
            throw new ConfigException("templates/VERSION: could not be read: " + e.getMessage());
        }
    }

    public boolean hasLevel(int level) {
        if (jar != null) {
            return jar.entries().containsKey("level" + level + "/manifest.yaml");
        }
        return Files.isRegularFile(root.resolve("level" + level).resolve("manifest.yaml"));
    }

    /** A template file's bytes, at most {@code limit} of them (a larger file is an error naming it). */
    public byte[] read(TemplateFile file, long limit) throws ConfigException {
        try {
            if (file.path() == null) {
                java.util.jar.JarEntry e = jar.entries().get(file.source());
                if (e != null && e.getSize() > limit) {
                    throw new ConfigException("templates/" + file.source() + ": " + e.getSize() + " bytes, over the " + limit
                            + "-byte limit for a template file");
                }
                return jar.read(file.source());
            }
            if (Files.size(file.path()) > limit) {
                throw new ConfigException("templates/" + file.source() + ": " + Files.size(file.path()) + " bytes, over the "
                        + limit + "-byte limit for a template file");
            }
            return Files.readAllBytes(file.path());
        } catch (IOException e) {
            throw new ConfigException("templates/" + file.source() + ": could not be read: " + e.getMessage());
        }
    }

    public TemplateManifest manifest(int level) throws ConfigException {
        String name = "level" + level + "/manifest.yaml";
        if (jar != null) {
            if (!hasLevel(level)) {
                throw new ConfigException(origin + " templates have no level " + level + " (" + name + ")");
            }
            byte[] bytes = read(new TemplateFile(name, "manifest.yaml", null), YamlReader.MAX_BYTES);
            return TemplateManifest.parse("templates/" + name, new String(bytes, StandardCharsets.UTF_8));
        }
        Path file = root.resolve("level" + level).resolve("manifest.yaml");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(origin + " templates have no level " + level + " (" + name + ")");
        }
        refuseLinks(name);
        try {
            if (Files.size(file) > YamlReader.MAX_BYTES) {
                throw new ConfigException("templates/" + name + ":1:1: file is " + Files.size(file) + " bytes, over the "
                        + YamlReader.MAX_BYTES + " limit");
            }
            return TemplateManifest.parse("templates/" + name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("templates/" + name + ": could not be read: " + e.getMessage());
        }
    }

    /**
     * Every regular file under {@code tree} (relative to the root), sorted by path; an absent tree is
     * empty. Symbolic links in a template tree are refused: a template must not smuggle in a file from
     * elsewhere on the machine.
     */
    public List<TemplateFile> files(String tree) throws ConfigException {
        if (!TemplatePaths.isSafeRelative(tree)) {
            throw new ConfigException("template tree '" + tree + "' is not a relative path inside templates/");
        }
        if (jar != null) {
            List<TemplateFile> found = new ArrayList<>();
            String prefix = tree + "/";
            for (String name : jar.entries().subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet()) {
                found.add(new TemplateFile(name, name.substring(prefix.length()), null));
            }
            return found;
        }
        Path dir = root.resolve(tree);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        refuseLinks(tree);
        TreeMap<String, TemplateFile> found = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p)) {
                    throw new ConfigException("templates/" + tree + "/" + relative(dir, p) + ": symbolic links are not allowed in templates");
                }
                if (Files.isRegularFile(p)) {
                    String rel = relative(dir, p);
                    found.put(rel, new TemplateFile(tree + "/" + rel, rel, p));
                }
            }
        } catch (IOException e) {
            throw new ConfigException("templates/" + tree + ": could not be listed: " + e.getMessage());
        }
        return new ArrayList<>(found.values());
    }

    /** One template file by its path under the root, e.g. {@code level3/base/{{packageDir}}/tracking.py}. */
    public TemplateFile file(String source) throws ConfigException {
        if (!TemplatePaths.isSafeRelative(source)) {
            throw new ConfigException("template '" + source + "' is not a relative path inside templates/");
        }
        int slash = source.lastIndexOf('/');
        String tree = source.substring(0, Math.max(0, source.indexOf('/', source.indexOf('/') + 1)));
        String relative = tree.isEmpty() ? source.substring(slash + 1) : source.substring(tree.length() + 1);
        if (jar != null) {
            if (!jar.entries().containsKey(source)) {
                throw new ConfigException(origin + " templates have no " + source);
            }
            return new TemplateFile(source, relative, null);
        }
        refuseLinks(source);
        Path p = root.resolve(source);
        if (!Files.isRegularFile(p)) {
            throw new ConfigException(origin + " templates have no " + source);
        }
        return new TemplateFile(source, relative, p);
    }

    /**
     * Refuses a symbolic link anywhere on the way from the root to {@code relative}: a link in the middle
     * of a layer's path ({@code shared -> /}) would make every file under it a file from elsewhere.
     */
    private void refuseLinks(String relative) throws ConfigException {
        Path current = root;
        StringBuilder seen = new StringBuilder();
        for (String segment : relative.split("/")) {
            current = current.resolve(segment);
            seen.append(seen.isEmpty() ? "" : "/").append(segment);
            if (Files.isSymbolicLink(current)) {
                throw new ConfigException("templates/" + seen + ": symbolic links are not allowed in templates");
            }
        }
    }

    /** Level numbers with a manifest, ascending. */
    public List<Integer> levels() {
        List<Integer> levels = new ArrayList<>();
        for (int level = 1; level <= 9; level++) {
            if (hasLevel(level)) {
                levels.add(level);
            }
        }
        return levels;
    }

    private static String relative(Path dir, Path p) {
        StringBuilder out = new StringBuilder();
        for (Path part : dir.relativize(p)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(part.toString());
        }
        return out.toString();
    }

    /** Nothing to release: a directory holds nothing open, and the jar's index is shared for the JVM's life. */
    @Override
    public void close() {
    }
}

package dev.mlproj.config;

import dev.mlproj.io.SafeFiles;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A repository's own {@code .mlproj.yaml}: the focus it declares, the criteria it waives (each with a
 * reason) and extra rubric files that add criteria. It is written by the people being judged, so it is
 * read as strictly as a rubric and it can only ever make a gate harder to pass (see {@code assess.Gate}).
 *
 * @param file    the name used in messages (the repository path as given, plus the file name), or null when absent
 * @param focus   the declared focus area, or null
 * @param waivers in the order written
 * @param rubrics extra rubric files, relative to the repository
 */
public record RepoConfig(String file, Declared focus, List<Waiver> waivers, List<Declared> rubrics) {

    public static final String FILE_NAME = ".mlproj.yaml";
    private static final String ALTERNATIVE_NAME = ".mlproj.yml";
    private static final int MIN_REASON = 10;

    public static final RepoConfig NONE = new RepoConfig(null, null, List.of(), List.of());

    /** A value and where it was written. */
    public record Declared(String value, YamlNode.Location at) { }

    /** An excused criterion: which, why, and where the waiver was written. */
    public record Waiver(String criterion, String reason, YamlNode.Location at) { }

    public RepoConfig {
        waivers = List.copyOf(waivers);
        rubrics = List.copyOf(rubrics);
    }

    public boolean present() {
        return file != null;
    }

    public String focusId() {
        return focus == null ? null : focus.value();
    }

    /** The repository-relative name of the file, for evidence. */
    public String relativeName() {
        return file == null ? FILE_NAME : Path.of(file).getFileName().toString();
    }

    /** Reads the repository's configuration; {@link #NONE} when it has none. */
    public static RepoConfig read(Path repo) throws ConfigException {
        Path yaml = repo.resolve(FILE_NAME);
        Path yml = repo.resolve(ALTERNATIVE_NAME);
        boolean hasYaml = Files.exists(yaml, LinkOption.NOFOLLOW_LINKS);
        boolean hasYml = Files.exists(yml, LinkOption.NOFOLLOW_LINKS);
        if (hasYaml && hasYml) {
            throw new ConfigException(yml + ":1:1: both " + FILE_NAME + " and " + ALTERNATIVE_NAME + " exist; keep one");
        }
        if (!hasYaml && !hasYml) {
            return NONE;
        }
        Path path = hasYaml ? yaml : yml;
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ConfigException(path + ":1:1: must be a regular file (symbolic links are not followed)");
        }
        return parse(path.toString(), readText(path));
    }

    private static String readText(Path path) throws ConfigException {
        try {
            return SafeFiles.readUtf8(path, YamlReader.MAX_BYTES, SafeFiles.Links.REFUSE);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(path + ":1:1: not valid UTF-8 text");
        } catch (SafeFiles.Refused e) {
            throw new ConfigException(path + ":1:1: " + e.reason());
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Parses the text of a configuration file; {@code file} names it in messages. */
    public static RepoConfig parse(String file, String text) throws ConfigException {
        Fields top = new Fields(file, new YamlReader().read(file, text), FILE_NAME);
        Declared focus = null;
        YamlNode focusNode = top.node("focus");
        if (focusNode != null && !isNull(focusNode)) {
            focus = new Declared(top.asString(focusNode, "focus"), focusNode.at());
        }
        List<Waiver> waivers = waivers(top, top.node("waivers"));
        List<Declared> rubrics = new ArrayList<>();
        YamlNode rubricsNode = top.node("rubrics");
        if (rubricsNode != null && !isNull(rubricsNode)) {
            if (!(rubricsNode instanceof YamlNode.Sequence seq)) {
                throw new ConfigException(file, rubricsNode.at(), "'rubrics' must be a list of paths, not " + rubricsNode.describe());
            }
            for (YamlNode item : seq.items()) {
                rubrics.add(new Declared(relativePath(file, top.asString(item, "rubrics"), item.at()), item.at()));
            }
        }
        top.done();
        return new RepoConfig(file, focus, waivers, rubrics);
    }

    private static List<Waiver> waivers(Fields top, YamlNode node) throws ConfigException {
        if (node == null || isNull(node)) {
            return List.of();
        }
        String file = top.file();
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw new ConfigException(file, node.at(), "'waivers' must be a list of {criterion, reason}, not " + node.describe());
        }
        Map<String, Waiver> byId = new LinkedHashMap<>();
        for (YamlNode item : seq.items()) {
            Fields f = new Fields(file, item, "a waiver");
            String criterion = f.string("criterion");
            YamlNode reasonNode = f.node("reason");
            if (reasonNode == null || isNull(reasonNode)) {
                throw new ConfigException(file, item.at(), "the waiver of '" + criterion + "' needs a 'reason': say why the criterion does not fit this project");
            }
            String reason = f.asString(reasonNode, "reason").strip();
            f.done();
            if (reason.length() < MIN_REASON) {
                throw new ConfigException(file, reasonNode.at(), "the reason for waiving '" + criterion
                        + "' is too short to tell a reviewer anything (at least " + MIN_REASON + " characters)");
            }
            if (byId.containsKey(criterion)) {
                throw new ConfigException(file, item.at(), "'" + criterion + "' is waived twice (first at line "
                        + byId.get(criterion).at().line() + ")");
            }
            byId.put(criterion, new Waiver(criterion, reason, item.at()));
        }
        return List.copyOf(byId.values());
    }

    /** A rubric path must stay inside the repository: relative, no '..', no absolute or drive paths. */
    private static String relativePath(String file, String value, YamlNode.Location at) throws ConfigException {
        String p = value.replace('\\', '/');
        boolean escapes = p.isBlank() || p.startsWith("/") || p.matches("^[A-Za-z]:.*")
                || List.of(p.split("/")).contains("..");
        if (escapes) {
            throw new ConfigException(file, at, "rubric path '" + value + "' must be relative to the repository and stay inside it");
        }
        return p;
    }

    /**
     * Checks the names the file uses against the rubric it is judged by.
     *
     * @param criteria   every criterion id of the rubric (with the extra rubrics already added)
     * @param focusAreas the rubric's focus-area ids
     */
    public void check(Set<String> criteria, List<String> focusAreas) throws ConfigException {
        if (focus != null && !focusAreas.contains(focus.value())) {
            throw new ConfigException(file, focus.at(), "unknown focus '" + focus.value() + "' (expected one of: "
                    + String.join(", ", focusAreas) + ")");
        }
        for (Waiver w : waivers) {
            if (!criteria.contains(w.criterion())) {
                throw new ConfigException(file, w.at(), "waiver of unknown criterion '" + w.criterion()
                        + "' (mlproj rubric list shows the ids)");
            }
        }
    }

    /**
     * The file a {@code rubrics} entry names, inside the repository. A symbolic link that leads out of the
     * repository is refused, so a configuration can never make mlproj read files elsewhere.
     */
    public Path resolve(Path repo, Declared rubric) throws ConfigException {
        Path target = repo.resolve(rubric.value()).normalize();
        try {
            Path realRepo = repo.toRealPath();
            if (!Files.exists(target)) {
                throw new ConfigException(file, rubric.at(), "rubric file '" + rubric.value() + "' does not exist");
            }
            if (!target.toRealPath().startsWith(realRepo)) {
                throw new ConfigException(file, rubric.at(), "rubric file '" + rubric.value() + "' leads outside the repository");
            }
        } catch (IOException e) {
            throw new ConfigException(file, rubric.at(), "rubric file '" + rubric.value() + "' cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return target;
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL;
    }
}

package dev.mlproj.scaffold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scaffold provenance: {@code .mlproj/scaffold.json} lists every file mlproj generated with the hash of
 * its content, so {@code assess} can tell scaffolding nobody has touched from the author's own work, and
 * the answers it was generated with, so {@code update} can render it again with newer templates.
 * Hashes are of the content with CRLF turned into LF, so a checkout with autocrlf still matches; a second
 * hash of the normalised content ({@link ScaffoldContent}) keeps a comment or reformatting from passing
 * for the author's work; the git blob id lets {@code update} find the generated text in the history.
 *
 * @param answers what the project was generated with, or null (a record written by an older mlproj)
 */
public record ScaffoldRecord(List<Entry> files, Answers answers) {

    public static final String PATH = ".mlproj/scaffold.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A record lists a few hundred files at most; anything far larger is not one. */
    static final long MAX_RECORD_BYTES = 4L * 1024 * 1024;

    /**
     * @param command    what generated it, e.g. {@code new --level 3 --focus data}
     * @param normalised SHA-256 of its normalised content, "" in records of older versions
     * @param blob       its git blob id (SHA-1), "" in records of older versions
     */
    public record Entry(String path, String sha256, String template, String command, String normalised, String blob) {

        public Entry(String path, String sha256, String template, String command) {
            this(path, sha256, template, command, "", "");
        }
    }

    /**
     * The answers a project was generated with.
     *
     * @param templateVersion the template library's version at generation ({@link TemplateLibrary#version()})
     * @param level           the level rendered
     * @param focus           the focus overlay rendered, or null
     * @param variables       every template variable as rendered (name, package, packageDir, year, ... and
     *                        the options a command adds), so the same files can be rendered again
     */
    public record Answers(String templateVersion, int level, String focus, Map<String, Object> variables) {

        public Answers {
            variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }
    }

    public ScaffoldRecord {
        files = List.copyOf(files);
    }

    public ScaffoldRecord(List<Entry> files) {
        this(files, null);
    }

    public static ScaffoldRecord empty() {
        return new ScaffoldRecord(List.of());
    }

    /** Entries for planned files, in plan order. */
    public static ScaffoldRecord of(List<PlannedFile> planned, String command) {
        List<Entry> entries = new ArrayList<>();
        for (PlannedFile f : planned) {
            entries.add(entry(f, command));
        }
        return new ScaffoldRecord(entries);
    }

    static Entry entry(PlannedFile f, String command) {
        return new Entry(f.path(), sha256(f.content()), f.source(), command, normalisedHash(f.path(), f.content()), blobId(f.content()));
    }

    public ScaffoldRecord withAnswers(Answers a) {
        return new ScaffoldRecord(files, a);
    }

    /** This record plus {@code other}'s entries; a path recorded again takes the newer entry; the first answers stay. */
    public ScaffoldRecord merge(ScaffoldRecord other) {
        Map<String, Entry> byPath = new LinkedHashMap<>();
        for (Entry e : files) {
            byPath.put(e.path(), e);
        }
        for (Entry e : other.files) {
            byPath.put(e.path(), e);
        }
        return new ScaffoldRecord(new ArrayList<>(byPath.values()), answers != null ? answers : other.answers);
    }

    /** The entry for {@code path}, or null. */
    public Entry entry(String path) {
        for (Entry e : files) {
            if (e.path().equals(path)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Reads the record of the project at {@code root}; an absent record is empty.
     *
     * @throws IOException when it exists but cannot be read or is not a record (the message names the file)
     */
    public static ScaffoldRecord read(Path root) throws IOException {
        Path file = root.resolve(PATH);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || passesThroughLink(root, PATH)) {
            return empty();
        }
        byte[] bytes;
        try {
            // no link followed, a regular file only, and no more bytes read than a record may hold
            bytes = dev.mlproj.io.SafeFiles.read(file, MAX_RECORD_BYTES, dev.mlproj.io.SafeFiles.Links.REFUSE);
        } catch (dev.mlproj.io.SafeFiles.Refused e) {
            throw new IOException(PATH + ": over the " + MAX_RECORD_BYTES + "-byte limit for a scaffold record, or not a regular file (" + e.reason() + ")");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException(PATH + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode list = tree == null ? null : tree.get("files");
        if (list == null || !list.isArray()) {
            throw new IOException(PATH + ": has no 'files' list");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode n : list) {
            String path = n.path("path").asText("");
            String hash = n.path("sha256").asText("");
            if (!TemplatePaths.isSafeRelative(path) || hash.length() != 64) {
                throw new IOException(PATH + ": entry " + (entries.size() + 1) + " needs a relative 'path' and a 'sha256'");
            }
            entries.add(new Entry(path, hash, n.path("template").asText(""), n.path("command").asText(""),
                    n.path("normalised").asText(""), n.path("blob").asText("")));
        }
        return new ScaffoldRecord(entries, answers(tree.get("answers")));
    }

    private static Answers answers(JsonNode node) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode vars = node.get("variables");
        if (!node.isObject() || !node.path("level").canConvertToInt() || vars == null || !vars.isObject()) {
            throw new IOException(PATH + ": 'answers' needs a 'level' and a 'variables' object");
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (var it = vars.fields(); it.hasNext(); ) {
            var f = it.next();
            JsonNode v = f.getValue();
            variables.put(f.getKey(), v.isBoolean() ? (Object) v.asBoolean() : v.isInt() ? (Object) v.asInt() : v.asText());
        }
        String focus = node.path("focus").isTextual() ? node.get("focus").asText() : null;
        return new Answers(node.path("templateVersion").asText(""), node.get("level").asInt(), focus, variables);
    }

    /**
     * Recorded files whose content is still exactly what mlproj generated. The record comes from the
     * repository being judged, so its paths are not trusted: a path through a symbolic link (which could
     * point anywhere on the machine, and whose hash would tell whether a file there has a guessed content)
     * or to a file larger than any template is never read.
     */
    public Set<String> untouched(Path root) {
        Set<String> same = new TreeSet<>();
        for (Entry e : files) {
            Path file = root.resolve(e.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || passesThroughLink(root, e.path())) {
                continue;
            }
            try {
                if (Files.size(file) > SkeletonPlanner.MAX_TEMPLATE_BYTES) {
                    continue;
                }
                byte[] content = dev.mlproj.io.SafeFiles.read(file, SkeletonPlanner.MAX_TEMPLATE_BYTES, dev.mlproj.io.SafeFiles.Links.REFUSE);
                if (sha256(content).equals(e.sha256())
                        || !e.normalised().isEmpty() && e.normalised().equals(normalisedHash(e.path(), content))) {
                    same.add(e.path());
                }
            } catch (IOException ignored) {
                // unreadable now: the scan reports it; it is not provably untouched
            }
        }
        return same;
    }

    /** True when a directory on the way to {@code relative} is a symbolic link. */
    static boolean passesThroughLink(Path root, String relative) {
        Path current = root;
        String[] segments = relative.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            current = current.resolve(segments[i]);
            if (Files.isSymbolicLink(current)) {
                return true;
            }
        }
        return false;
    }

    public byte[] toJson(String generator) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", "1.1");
        root.put("generator", generator);
        root.put("note", "Written by mlproj: the answers a project was generated with, the files it generated and their content"
                + " hashes. assess reports the ones still untouched; update renders them again with newer templates.");
        if (answers != null) {
            ObjectNode a = root.putObject("answers");
            a.put("templateVersion", answers.templateVersion());
            a.put("level", answers.level());
            a.put("focus", answers.focus());
            ObjectNode vars = a.putObject("variables");
            for (var v : answers.variables().entrySet()) {
                if (v.getValue() instanceof Boolean b) {
                    vars.put(v.getKey(), b);
                } else if (v.getValue() instanceof Integer i) {
                    vars.put(v.getKey(), i);
                } else {
                    vars.put(v.getKey(), String.valueOf(v.getValue()));
                }
            }
        }
        ArrayNode list = root.putArray("files");
        for (Entry e : files) {
            ObjectNode n = list.addObject();
            n.put("path", e.path());
            n.put("sha256", e.sha256());
            n.put("template", e.template());
            n.put("command", e.command());
            if (!e.normalised().isEmpty()) {
                n.put("normalised", e.normalised());
            }
            if (!e.blob().isEmpty()) {
                n.put("blob", e.blob());
            }
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scaffold record is always serialisable", e);
        }
    }

    /** SHA-256 of the content with CRLF line ends turned into LF. */
    public static String sha256(byte[] content) {
        byte[] normalised = normaliseLineEnds(content);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** SHA-256 of the normalised content, or "" for a binary file (which only its exact hash identifies). */
    public static String normalisedHash(String path, byte[] content) {
        if (isBinary(content)) {
            return "";
        }
        return sha256(ScaffoldContent.normalise(path, content).getBytes(StandardCharsets.UTF_8));
    }

    static boolean isBinary(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** The git blob id of the content, as {@code git hash-object} computes it. */
    public static String blobId(byte[] content) {
        try (org.eclipse.jgit.lib.ObjectInserter.Formatter f = new org.eclipse.jgit.lib.ObjectInserter.Formatter()) {
            return f.idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, content).name();
        }
    }

    private static byte[] normaliseLineEnds(byte[] content) {
        int crlf = 0;
        for (int i = 0; i + 1 < content.length; i++) {
            if (content[i] == '\r' && content[i + 1] == '\n') {
                crlf++;
            }
        }
        if (crlf == 0) {
            return content;
        }
        byte[] out = new byte[content.length - crlf];
        int j = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\r' && i + 1 < content.length && content[i + 1] == '\n') {
                continue;
            }
            out[j++] = content[i];
        }
        return out;
    }
}

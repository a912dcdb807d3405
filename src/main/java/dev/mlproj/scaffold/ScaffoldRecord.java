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
 * its content, so {@code assess} can tell scaffolding nobody has touched from the author's own work.
 * Hashes are of the content with CRLF turned into LF, so a checkout with autocrlf still matches.
 */
public record ScaffoldRecord(List<Entry> files) {

    public static final String PATH = ".mlproj/scaffold.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A record lists a few hundred files at most; anything far larger is not one. */
    static final long MAX_RECORD_BYTES = 4L * 1024 * 1024;

    /** @param command what generated it, e.g. {@code new --level 3 --focus data} */
    public record Entry(String path, String sha256, String template, String command) { }

    public ScaffoldRecord {
        files = List.copyOf(files);
    }

    public static ScaffoldRecord empty() {
        return new ScaffoldRecord(List.of());
    }

    /** Entries for planned files, in plan order. */
    public static ScaffoldRecord of(List<PlannedFile> planned, String command) {
        List<Entry> entries = new ArrayList<>();
        for (PlannedFile f : planned) {
            entries.add(new Entry(f.path(), sha256(f.content()), f.source(), command));
        }
        return new ScaffoldRecord(entries);
    }

    /** This record plus {@code other}'s entries; a path recorded again takes the newer entry. */
    public ScaffoldRecord merge(ScaffoldRecord other) {
        Map<String, Entry> byPath = new LinkedHashMap<>();
        for (Entry e : files) {
            byPath.put(e.path(), e);
        }
        for (Entry e : other.files) {
            byPath.put(e.path(), e);
        }
        return new ScaffoldRecord(new ArrayList<>(byPath.values()));
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
        if (Files.size(file) > MAX_RECORD_BYTES) {
            throw new IOException(PATH + ": " + Files.size(file) + " bytes, over the " + MAX_RECORD_BYTES + "-byte limit for a scaffold record");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
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
            entries.add(new Entry(path, hash, n.path("template").asText(""), n.path("command").asText("")));
        }
        return new ScaffoldRecord(entries);
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
                if (sha256(Files.readAllBytes(file)).equals(e.sha256())) {
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
        root.put("schemaVersion", "1.0");
        root.put("generator", generator);
        root.put("note", "Written by mlproj: files it generated and their content hashes. assess reports the ones still untouched.");
        ArrayNode list = root.putArray("files");
        for (Entry e : files) {
            ObjectNode n = list.addObject();
            n.put("path", e.path());
            n.put("sha256", e.sha256());
            n.put("template", e.template());
            n.put("command", e.command());
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

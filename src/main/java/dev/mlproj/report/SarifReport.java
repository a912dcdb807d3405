package dev.mlproj.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.assess.LevelProgress;
import dev.mlproj.assess.Outcome;
import dev.mlproj.rubric.Criterion;
import dev.mlproj.scan.Evidence;
import dev.mlproj.scan.RepoFile;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0 for code-scanning tools: every criterion is a rule, every criterion that is not met (up
 * to the gate or the next level) is a result. docs/formats.md gives the level mapping.
 */
public final class SarifReport implements Renderer {

    public static final String SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Further near misses of one result, as related locations. */
    private static final int RELATED = 4;
    /** The key of mlproj's own stable fingerprint in {@code partialFingerprints}. */
    static final String FINGERPRINT = "mlproj/v1";
    /** Top-level files a repository-wide finding may point at when there is no README, best first. */
    private static final List<String> ROOT_ARTIFACTS = List.of("pyproject.toml", "setup.py", "setup.cfg",
            "requirements.txt", "environment.yml", "Dockerfile", "Makefile");

    @Override
    public String render(Assessment a, ReportContext context) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "mlproj");
        driver.put("version", context.toolVersion());
        if (context.toolUri() != null) {
            driver.put("informationUri", context.toolUri());
        }
        List<CriterionResult> all = Labels.allResults(a);
        Map<String, Integer> ruleIndex = new HashMap<>();
        ArrayNode rules = driver.putArray("rules");
        for (CriterionResult r : all) {
            ruleIndex.put(r.criterion().id(), ruleIndex.size());
            rule(rules.addObject(), r.criterion(), a);
        }
        invocation(run.putArray("invocations").addObject(), a, context);
        run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", context.rootUri());
        ArrayNode results = run.putArray("results");
        String repositoryFile = repositoryFile(a);
        for (CriterionResult r : all) {
            Severity severity = severity(a, context, r);
            if (severity != null) {
                result(results.addObject(), r, severity, ruleIndex.get(r.criterion().id()), repositoryFile);
            }
        }
        Provenance provenance = context.provenance();
        if (provenance.known()) {
            ObjectNode vcs = run.putArray("versionControlProvenance").addObject();
            vcs.put("repositoryUri", provenance.webUrl() != null ? provenance.webUrl() : context.rootUri());
            vcs.put("revisionId", provenance.commit());
            if (provenance.ref() != null) {
                vcs.put("branch", provenance.ref());
            }
            vcs.putObject("mappedTo").put("uriBaseId", SRCROOT);
        }
        ObjectNode props = run.putObject("properties");
        assessed(props, a);
        props.put("rubric", a.rubric().id());
        ObjectNode progress = props.putObject("progress");
        for (LevelProgress p : a.progress()) {
            progress.put(String.valueOf(p.level()), Math.round(p.fraction() * 1000) / 1000.0);
        }
        ObjectNode focus = props.putObject("focus");
        focus.put("dominant", a.focus().dominant());
        ObjectNode shares = focus.putObject("shares");
        a.focus().shares().forEach((area, share) -> shares.put(area, Math.round(share * 1000) / 1000.0));
        a.roles().forEach(props.putArray("roles")::add);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SARIF rendering failed", e);
        }
    }

    /** A result's SARIF kind and level; null when the criterion is not reported. */
    record Severity(String kind, String level) { }

    /**
     * Levels follow the gate: an unmet criterion that is a reason the gate failed is an {@code error}
     * (so a gate that passed uploads none); gaps in the levels already reached are warnings, and the
     * criteria of the levels above, up to the gate or the next level, notes. A criterion that could not be
     * decided is a warning, never {@code none}: a reader must see it. Criteria further ahead, met and
     * not-applicable ones and walkthrough advice (unless a baseline regression) are not reported.
     * SARIF wants {@code kind: fail} for every level but {@code none}, so every result is a failure.
     */
    static Severity severity(Assessment a, ReportContext context, CriterionResult r) {
        if (r.outcome() == Outcome.MET || r.outcome() == Outcome.NOT_APPLICABLE) {
            return null;
        }
        if (context.blocksGate(a, r)) {
            return new Severity("fail", "error");
        }
        int level = r.criterion().level();
        if (r.criterion().isWalkthrough() || level > context.horizon(a)) {
            return null;
        }
        return switch (r.outcome()) {
            case UNMET, WAIVED -> new Severity("fail", level <= a.level() ? "warning" : "note");
            case ERROR -> new Severity("fail", "warning");
            default -> new Severity("fail", "note");
        };
    }

    private static void rule(ObjectNode o, Criterion c, Assessment a) {
        o.put("id", c.id());
        o.put("name", pascalCase(c.title()));
        o.putObject("shortDescription").put("text", c.title());
        o.putObject("fullDescription").put("text", c.why());
        String levelText = c.isWalkthrough() ? "Walkthrough readiness (does not move the level)"
                : "Level " + c.level() + " (" + a.rubric().level(c.level()).name() + ")";
        String scaffold = c.scaffold() == null ? "" : " Scaffolded by the '" + c.scaffold() + "' templates (mlproj new / mlproj next).";
        ObjectNode help = o.putObject("help");
        help.put("text", "How to satisfy it: " + c.fix() + scaffold + "\nHow it is detected: " + c.detection()
                + "\n" + levelText + ", focus " + c.focus() + ", weight " + c.weight() + ". Source: " + c.source());
        help.put("markdown", "**How to satisfy it:** " + Markdown.escape(c.fix()) + Markdown.escape(scaffold)
                + "\n\n**How it is detected:** " + Markdown.escape(c.detection())
                + "\n\n" + Markdown.escape(levelText) + ", focus " + c.focus() + ", weight " + c.weight()
                + ". Source: " + Markdown.escape(c.source()));
        ObjectNode props = o.putObject("properties");
        if (c.isWalkthrough()) {
            props.putNull("level");
        } else {
            props.put("level", c.level());
        }
        props.put("section", c.isWalkthrough() ? "walkthrough" : "level");
        props.put("focus", c.focus());
        props.put("weight", c.weight());
        ArrayNode tags = props.putArray("tags");
        tags.add(c.isWalkthrough() ? "walkthrough" : "level-" + c.level());
        tags.add(c.focus());
    }

    private static void invocation(ObjectNode o, Assessment a, ReportContext context) {
        o.put("executionSuccessful", true);
        List<String> notes = new ArrayList<>();
        if (a.facts().git().note() != null) {
            notes.add("git: " + a.facts().git().note());
        }
        if (a.scaffold().problem() != null) {
            notes.add(a.scaffold().problem());
        }
        if (!a.scaffold().untouched().isEmpty()) {
            notes.add(Labels.count(a.scaffold().untouched().size(), "file generated by mlproj is", "files generated by mlproj are") + " unchanged"
                    + (a.scaffold().discounted() ? " and earned no credit at this gate" : "") + ": "
                    + String.join(", ", a.scaffold().untouched()));
        }
        notes.addAll(a.facts().warnings());
        ArrayNode notifications = o.putArray("toolExecutionNotifications");
        for (String note : notes) {
            ObjectNode n = notifications.addObject();
            n.put("level", "warning");
            n.putObject("message").put("text", note);
        }
        ObjectNode props = o.putObject("properties");
        assessed(props, a);
        if (context.gated()) {
            props.put("minLevel", context.minLevel());
        }
        if (a.gate() != null) {
            props.put("gatePassed", a.gate().passed());
            props.put("judgedLevel", a.gate().judgedLevel());
            a.gate().failures().forEach(props.withArray("gateFailures")::add);
        }
    }

    private static void assessed(ObjectNode props, Assessment a) {
        props.put("level", a.level());
        props.put("levelName", Labels.levelName(a));
        props.put("researchTrack", a.researchTrack());
    }

    private static void result(ObjectNode o, CriterionResult r, Severity severity, int index, String repositoryFile) {
        Criterion c = r.criterion();
        o.put("ruleId", c.id());
        o.put("ruleIndex", index);
        o.put("kind", severity.kind());
        o.put("level", severity.level());
        String what = switch (r.outcome()) {
            case UNMET -> "not met";
            case ERROR -> "could not be decided (a file could not be read)";
            default -> r.outcome().label();
        };
        o.putObject("message").put("text", (c.isWalkthrough() ? "Walkthrough" : "Level " + c.level()) + " criterion " + what + ": " + c.title()
                + ". How to satisfy it: " + c.fix());
        if (r.outcome() == Outcome.WAIVED) {
            // SARIF's own notion of a waiver: the result stands, suppressed by configuration outside the code.
            o.putArray("suppressions").addObject().put("kind", "external").put("status", "accepted")
                    .put("justification", Labels.firstEvidence(r).map(Evidence::detail).orElse("waived"));
        }
        List<Evidence> located = new ArrayList<>();
        for (Evidence e : r.evidence()) {
            if (!e.path().isEmpty()) {
                located.add(e);
            }
        }
        for (Evidence e : r.notCounted()) {
            if (!e.path().isEmpty()) {
                located.add(e);
            }
        }
        ArrayNode locations = o.putArray("locations");
        String fingerprintPath;
        String fingerprintText;
        if (located.isEmpty()) {
            // Nothing in a file came close: the finding is about the repository as a whole.
            Optional<Evidence> repositoryWide = Labels.firstEvidence(r);
            String text = repositoryWide.map(Evidence::detail).orElse("repository-level: nothing in the repository satisfies it");
            location(locations.addObject(), repositoryFile, 1, text);
            fingerprintPath = "";
            fingerprintText = text;
        } else {
            location(locations.addObject(), located.get(0).path(), located.get(0).line(), label(r, located.get(0)));
            if (located.size() > 1) {
                ArrayNode related = o.putArray("relatedLocations");
                for (int i = 1; i < Math.min(located.size(), RELATED + 1); i++) {
                    ObjectNode loc = related.addObject();
                    loc.put("id", i);
                    location(loc, located.get(i).path(), located.get(i).line(), label(r, located.get(i)));
                }
            }
            fingerprintPath = located.get(0).path();
            fingerprintText = label(r, located.get(0));
        }
        o.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(c.id(), fingerprintPath, fingerprintText));
        ObjectNode props = o.putObject("properties");
        props.put("outcome", Labels.token(r.outcome()));
        if (c.isWalkthrough()) {
            props.putNull("level");
        } else {
            props.put("level", c.level());
        }
        props.put("blocksGate", severity.level().equals("error"));
        props.put("focus", c.focus());
        props.put("weight", c.weight());
    }

    private static String label(CriterionResult r, Evidence e) {
        return (r.evidence().contains(e) ? "" : "not counted: ") + e.detail();
    }

    private static void location(ObjectNode o, String path, int line, String message) {
        ObjectNode physical = o.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        artifact.put("uri", uri(path));
        artifact.put("uriBaseId", SRCROOT);
        // GitHub code scanning wants a start line on every location; a file as a whole is its line 1.
        physical.putObject("region").put("startLine", Math.max(line, 1));
        o.putObject("message").put("text", message);
    }

    /**
     * The file a repository-wide finding points at (GitHub shows an alert only on a file): the
     * top-level README, else a well-known top-level project file, else the first top-level file in path
     * order, else the first file of all; {@code README.md} when the repository holds no file at all.
     */
    static String repositoryFile(Assessment a) {
        String readme = null;
        String topLevel = null;
        String any = null;
        Map<String, String> artifacts = new HashMap<>();
        for (RepoFile f : a.facts().files()) {
            String name = f.path().toLowerCase(Locale.ROOT);
            if (any == null || f.path().compareTo(any) < 0) {
                any = f.path();
            }
            if (!f.directory().isEmpty()) {
                continue;
            }
            if (name.equals("readme") || name.startsWith("readme.")) {
                if (readme == null || name.equals("readme.md") || (!readme.equalsIgnoreCase("readme.md") && f.path().compareTo(readme) < 0)) {
                    readme = f.path();
                }
            }
            artifacts.put(f.path(), f.path());
            if (topLevel == null || f.path().compareTo(topLevel) < 0) {
                topLevel = f.path();
            }
        }
        if (readme != null) {
            return readme;
        }
        for (String artifact : ROOT_ARTIFACTS) {
            if (artifacts.containsKey(artifact)) {
                return artifact;
            }
        }
        return topLevel != null ? topLevel : any != null ? any : "README.md";
    }

    /**
     * A fingerprint that survives edits elsewhere in the file: SHA-256 over the rule, the path and the
     * evidence text with its whitespace collapsed, never the line number. A repository-wide finding has
     * no path, so adding a README does not make it a new alert.
     */
    static String fingerprint(String ruleId, String path, String evidence) {
        String normalized = evidence.strip().replaceAll("\\s+", " ");
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((ruleId + "\u0000" + path + "\u0000" + normalized).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A repository-relative path as a relative URI reference (spaces and non-ASCII percent-encoded). */
    static String uri(String path) {
        try {
            String encoded = new URI(null, null, path, null).toASCIIString();
            int colon = encoded.indexOf(':');
            // "a:b.py" would read as a URI with scheme "a"; "./a:b.py" is the same file, unambiguous.
            return colon >= 0 && (encoded.indexOf('/') < 0 || colon < encoded.indexOf('/')) ? "./" + encoded : encoded;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    /** SARIF's rule name: the title as one PascalCase identifier ("Trains a model" is TrainsAModel). */
    static String pascalCase(String title) {
        StringBuilder out = new StringBuilder();
        for (String word : title.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                out.appendCodePoint(Character.toUpperCase(word.codePointAt(0))).append(word.substring(Character.charCount(word.codePointAt(0))));
            }
        }
        return out.length() == 0 ? "Criterion" : out.toString();
    }
}

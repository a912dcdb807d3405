package dev.mlproj.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Validates SARIF logs against the official SARIF 2.1.0 schema (a copy in src/test/resources). */
public final class Sarif {

    private static final Schema SCHEMA = load();

    private Sarif() {
    }

    private static Schema load() {
        try (InputStream in = Sarif.class.getResourceAsStream("/sarif-schema-2.1.0.json")) {
            if (in == null) {
                throw new IllegalStateException("sarif-schema-2.1.0.json is missing from the test resources");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub code scanning's upload limits (docs: "SARIF support for code scanning"). */
    static final int MAX_RUNS = 20;
    static final int MAX_RESULTS_PER_RUN = 25_000;
    static final int MAX_RULES_PER_RUN = 25_000;
    static final int MAX_LOCATIONS_PER_RESULT = 1_000;
    static final int MAX_TAGS_PER_RULE = 20;

    /**
     * What GitHub's ingestion of a SARIF upload requires beyond the schema, one line per breach: a
     * driver with a name and {@code informationUri}; every result with a {@code ruleId} naming one of
     * the rules, a {@code message.text}, a level GitHub shows (error, warning, note), a location whose
     * {@code artifactLocation.uri} is relative to the checkout (no scheme, no leading '/', no '..') with a
     * {@code region.startLine}, and a {@code partialFingerprints} entry; at most GitHub's limits of runs,
     * results, rules, locations and tags.
     */
    public static List<String> githubViolations(String sarif) {
        List<String> out = new java.util.ArrayList<>();
        JsonNode log;
        try {
            log = new ObjectMapper().readTree(sarif);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        JsonNode runs = log.path("runs");
        if (runs.size() == 0 || runs.size() > MAX_RUNS) {
            out.add(runs.size() + " runs (1 to " + MAX_RUNS + " allowed)");
        }
        for (JsonNode run : runs) {
            JsonNode driver = run.path("tool").path("driver");
            if (driver.path("name").asText("").isEmpty()) {
                out.add("tool.driver.name missing");
            }
            if (!driver.path("informationUri").asText("").startsWith("https://")) {
                out.add("tool.driver.informationUri missing or not https");
            }
            java.util.Set<String> ruleIds = new java.util.HashSet<>();
            JsonNode rules = driver.path("rules");
            if (rules.size() > MAX_RULES_PER_RUN) {
                out.add(rules.size() + " rules");
            }
            for (JsonNode rule : rules) {
                ruleIds.add(rule.path("id").asText());
                if (rule.path("properties").path("tags").size() > MAX_TAGS_PER_RULE) {
                    out.add("rule " + rule.path("id").asText() + ": more than " + MAX_TAGS_PER_RULE + " tags");
                }
            }
            JsonNode results = run.path("results");
            if (results.size() > MAX_RESULTS_PER_RUN) {
                out.add(results.size() + " results");
            }
            int i = 0;
            for (JsonNode result : results) {
                String where = "result " + i++ + " (" + result.path("ruleId").asText("?") + "): ";
                if (!ruleIds.contains(result.path("ruleId").asText())) {
                    out.add(where + "ruleId matches no rule");
                }
                if (result.has("ruleIndex") && !rules.path(result.get("ruleIndex").asInt()).path("id").asText()
                        .equals(result.path("ruleId").asText())) {
                    out.add(where + "ruleIndex does not point at the rule");
                }
                if (result.path("message").path("text").asText("").isEmpty()) {
                    out.add(where + "no message.text");
                }
                if (!List.of("error", "warning", "note").contains(result.path("level").asText())) {
                    out.add(where + "level " + result.path("level") + " is not shown by GitHub");
                }
                JsonNode fingerprints = result.path("partialFingerprints");
                if (fingerprints.size() == 0) {
                    out.add(where + "no partialFingerprints");
                }
                JsonNode locations = result.path("locations");
                if (locations.size() == 0 || locations.size() > MAX_LOCATIONS_PER_RESULT) {
                    out.add(where + locations.size() + " locations");
                }
                List<JsonNode> all = new java.util.ArrayList<>();
                locations.forEach(all::add);
                result.path("relatedLocations").forEach(all::add);
                for (JsonNode location : all) {
                    JsonNode physical = location.path("physicalLocation");
                    String uri = physical.path("artifactLocation").path("uri").asText("");
                    if (uri.isEmpty() || uri.startsWith("/") || uri.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")
                            || java.util.Arrays.asList(uri.split("/")).contains("..") || uri.equals(".")) {
                        out.add(where + "artifactLocation.uri " + uri + " is not a file path relative to the checkout");
                    }
                    if (physical.path("region").path("startLine").asInt(0) < 1) {
                        out.add(where + "no region.startLine at " + uri);
                    }
                }
            }
        }
        return out;
    }

    /** The schema violations, one line each; empty when the log is valid. */
    public static List<String> violations(String sarif) {
        try {
            JsonNode log = new ObjectMapper().readTree(sarif);
            return SCHEMA.validate(log).stream().map(Error::toString).toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }
}

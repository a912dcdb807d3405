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

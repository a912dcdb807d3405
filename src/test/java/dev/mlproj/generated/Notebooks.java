package dev.mlproj.generated;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The nbformat 4 structure that Jupyter requires of a notebook file. */
final class Notebooks {

    private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");

    private Notebooks() {
    }

    static void assertValid(Path file, JsonNode nb) {
        String where = file.toString();
        assertThat(nb.path("nbformat").asInt()).as(where + ": nbformat").isEqualTo(4);
        assertThat(nb.path("nbformat_minor").isInt()).as(where + ": nbformat_minor").isTrue();
        assertThat(nb.path("metadata").isObject()).as(where + ": metadata").isTrue();
        assertThat(nb.path("cells").isArray()).as(where + ": cells").isTrue();
        assertThat(nb.path("cells").size()).as(where + ": cell count").isPositive();
        int i = 0;
        for (JsonNode cell : nb.path("cells")) {
            String at = where + ": cell " + i++;
            String type = cell.path("cell_type").asText();
            assertThat(CELL_TYPES).as(at + " cell_type").contains(type);
            assertThat(cell.path("metadata").isObject()).as(at + " metadata").isTrue();
            JsonNode source = cell.path("source");
            assertThat(source.isTextual() || source.isArray()).as(at + " source").isTrue();
            if (source.isArray()) {
                source.forEach(line -> assertThat(line.isTextual()).as(at + " source line").isTrue());
            }
            if (type.equals("code")) {
                assertThat(cell.path("outputs").isArray()).as(at + " outputs").isTrue();
                JsonNode count = cell.path("execution_count");
                assertThat(count.isNull() || count.isInt()).as(at + " execution_count").isTrue();
            }
        }
    }
}

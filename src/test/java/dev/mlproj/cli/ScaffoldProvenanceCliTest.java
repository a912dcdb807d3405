package dev.mlproj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.assess.ScaffoldStatus;
import dev.mlproj.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14.6: appending {@code # mine} to every Python file of a level-4 scaffold used to pass the gate
 * (the file hashes changed); the verdict line now leads with the untouched-scaffold finding.
 */
class ScaffoldProvenanceCliTest {

    @TempDir
    Path tmp;

    @Test
    void commentingEveryFileDoesNotPassTheGateAndTheVerdictLineSaysWhy() throws Exception {
        Path dir = tmp.resolve("fraud");
        assertThat(Cli.run("new", "fraud", "--level", "4", "--focus", "models", "--dir", dir.toString()).exitCode()).isZero();
        List<Path> python;
        try (Stream<Path> walk = Files.walk(dir)) {
            python = walk.filter(p -> p.toString().endsWith(".py")).toList();
        }
        assertThat(python).hasSizeGreaterThan(10);
        for (Path p : python) {
            Files.writeString(p, Files.readString(p) + "# mine\n");
        }

        Cli.Result gate = Cli.run("assess", dir.toString(), "--min-level", "1", "--quiet");
        assertThat(gate.exitCode()).isEqualTo(ExitCode.GATE_FAILED);
        assertThat(gate.out()).startsWith(ScaffoldStatus.VERDICT);

        Cli.Result plain = Cli.run("assess", dir.toString(), "--quiet");
        assertThat(plain.out()).startsWith(ScaffoldStatus.VERDICT).contains("As generated: Level 4");
        assertThat(Cli.run("assess", dir.toString(), "--min-level", "1").out()).startsWith(ScaffoldStatus.VERDICT);
        assertThat(Cli.run("assess", dir.toString(), "--format", "markdown", "--quiet").out()).startsWith(ScaffoldStatus.VERDICT);
        assertThat(Cli.run("assess", dir.toString(), "--format", "markdown").out())
                .startsWith(dev.mlproj.report.MarkdownReport.MARKER + "\n### " + ScaffoldStatus.VERDICT);
        JsonNode json = new ObjectMapper().readTree(Cli.run("assess", dir.toString(), "--min-level", "1", "--format", "json").out());
        assertThat(json.at("/scaffold/untouchedScaffold").asBoolean()).isTrue();
        assertThat(json.at("/scaffold/verdict").asText()).isEqualTo(ScaffoldStatus.VERDICT);
        assertThat(json.at("/level").asInt()).isZero();
    }

    @Test
    void aRealEditIsTheAuthorsWorkAndPassesTheGate() throws Exception {
        Path dir = tmp.resolve("fraud");
        assertThat(Cli.run("new", "fraud", "--level", "4", "--focus", "models", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(Cli.run("assess", dir.toString(), "--min-level", "1").exitCode()).isEqualTo(ExitCode.GATE_FAILED);

        Path train = dir.resolve("fraud/train.py");
        Files.writeString(train, Files.readString(train) + """


                def sweep_learning_rates(frame, target, rates=(0.01, 0.05, 0.1)):
                    from sklearn.ensemble import GradientBoostingClassifier
                    from sklearn.model_selection import cross_val_score
                    scores = {}
                    for rate in rates:
                        model = GradientBoostingClassifier(learning_rate=rate)
                        scores[rate] = cross_val_score(model, frame, target, cv=3).mean()
                    return max(scores, key=scores.get)
                """);
        Cli.Result gate = Cli.run("assess", dir.toString(), "--min-level", "1", "--quiet");
        assertThat(gate.exitCode()).as(gate.out()).isZero();
        assertThat(gate.out()).doesNotContain(ScaffoldStatus.VERDICT);
        JsonNode json = new ObjectMapper().readTree(Cli.run("assess", dir.toString(), "--min-level", "1", "--format", "json").out());
        assertThat(json.at("/scaffold/untouchedScaffold").asBoolean()).isFalse();
        assertThat(json.at("/scaffold/untouched").toString()).doesNotContain("fraud/train.py");
    }
}

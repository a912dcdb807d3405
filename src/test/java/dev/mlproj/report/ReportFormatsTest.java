package dev.mlproj.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlproj.assess.Assessment;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Structural checks of every format on the golden fixture, under each gate setting. */
class ReportFormatsTest {

    @TempDir
    static Path dir;

    static Assessment a;

    @BeforeAll
    static void assess() {
        a = GoldenFixture.assessment(dir.resolve("churn"));
    }

    // ---------------------------------------------------------------- SARIF

    @Test
    void sarifValidatesAgainstTheSchemaAtEveryGate() {
        for (Integer gate : new Integer[] {null, 0, 1, 2, 3, 5}) {
            String sarif = new SarifReport().render(GoldenFixture.gated(a, gate), GoldenFixture.context(gate));
            assertThat(Sarif.violations(sarif)).as("gate %s", gate).isEmpty();
        }
    }

    @Test
    void sarifMeetsGitHubsIngestionRulesAtEveryGate() {
        for (Integer gate : new Integer[] {null, 0, 1, 2, 3, 5}) {
            String sarif = new SarifReport().render(GoldenFixture.gated(a, gate), GoldenFixture.context(gate));
            assertThat(Sarif.githubViolations(sarif)).as("gate %s", gate).isEmpty();
        }
    }

    @Test
    void theGitHubCheckerRejectsWhatGitHubRejects() throws Exception {
        ObjectNode log = (ObjectNode) new ObjectMapper().readTree(new SarifReport().render(GoldenFixture.gated(a, 3), GoldenFixture.context(3)));
        ObjectNode result = (ObjectNode) log.get("runs").get(0).get("results").get(0);
        result.remove("partialFingerprints");
        result.put("level", "none");
        result.put("ruleId", "no-such-rule");
        ObjectNode physical = (ObjectNode) result.get("locations").get(0).get("physicalLocation");
        physical.remove("region");
        ((ObjectNode) physical.get("artifactLocation")).put("uri", "../outside.py");
        ((ObjectNode) log.get("runs").get(0).get("tool").get("driver")).remove("informationUri");
        assertThat(Sarif.githubViolations(log.toString())).hasSize(7);
    }

    @Test
    void sarifFingerprintsAreStableAndIgnoreLineNumbers() throws Exception {
        Map<String, String> fingerprints = new HashMap<>();
        for (Integer gate : new Integer[] {null, 2, 3}) {
            JsonNode results = new ObjectMapper().readTree(new SarifReport().render(GoldenFixture.gated(a, gate), GoldenFixture.context(gate)))
                    .get("runs").get(0).get("results");
            for (JsonNode r : results) {
                String fingerprint = r.get("partialFingerprints").get(SarifReport.FINGERPRINT).asText();
                assertThat(fingerprint).matches("[0-9a-f]{32}");
                String earlier = fingerprints.putIfAbsent(r.get("ruleId").asText(), fingerprint);
                assertThat(earlier == null || earlier.equals(fingerprint)).as("%s at gate %s", r.get("ruleId"), gate).isTrue();
            }
        }
        assertThat(new java.util.HashSet<>(fingerprints.values())).hasSameSizeAs(fingerprints.keySet());
        // The same evidence moved to another line keeps its fingerprint; other whitespace does not matter.
        assertThat(SarifReport.fingerprint("G2-tests", "tests/t.py", "def  test_x():"))
                .isEqualTo(SarifReport.fingerprint("G2-tests", "tests/t.py", " def test_x(): "))
                .isNotEqualTo(SarifReport.fingerprint("G2-tests", "tests/u.py", "def test_x():"))
                .isNotEqualTo(SarifReport.fingerprint("G2-config", "tests/t.py", "def test_x():"));
    }

    @Test
    void sarifNamesTheAssessedCommit() throws Exception {
        Provenance provenance = new Provenance("0123456789abcdef0123456789abcdef01234567", "refs/heads/main", "https://github.com/o/churn");
        JsonNode run = new ObjectMapper().readTree(new SarifReport().render(a, GoldenFixture.context(null, provenance))).get("runs").get(0);
        JsonNode vcs = run.get("versionControlProvenance").get(0);
        assertThat(vcs.get("repositoryUri").asText()).isEqualTo("https://github.com/o/churn");
        assertThat(vcs.get("revisionId").asText()).isEqualTo(provenance.commit());
        assertThat(vcs.get("branch").asText()).isEqualTo("refs/heads/main");
        assertThat(vcs.get("mappedTo").get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(Sarif.violations(run.toString().isEmpty() ? "" : new SarifReport().render(a, GoldenFixture.context(null, provenance)))).isEmpty();
        assertThat(new ObjectMapper().readTree(new SarifReport().render(a, GoldenFixture.context(null))).get("runs").get(0)
                .has("versionControlProvenance")).isFalse();
    }

    @Test
    void theSchemaValidatorRejectsABrokenLog() throws Exception {
        ObjectNode log = (ObjectNode) new ObjectMapper().readTree(new SarifReport().render(GoldenFixture.gated(a, 2), GoldenFixture.context(2)));
        ((ObjectNode) log.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        log.put("version", "2.0");
        assertThat(Sarif.violations(log.toString())).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void sarifRulesAreTheCriteriaAndResultsTheUnmetOnes() throws Exception {
        JsonNode run = new ObjectMapper().readTree(new SarifReport().render(GoldenFixture.gated(a, 2), GoldenFixture.context(2))).get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("mlproj");
        assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
        assertThat(driver.get("informationUri").asText()).isEqualTo("https://mlproj.example/docs");
        JsonNode rules = driver.get("rules");
        assertThat(rules).hasSize(a.results().size() + a.walkthrough().size());
        JsonNode docker = null;
        for (JsonNode rule : rules) {
            if (rule.get("id").asText().equals("G3-docker")) {
                docker = rule;
            }
        }
        assertThat(docker.get("name").asText()).isEqualTo("ModelPackagedInADockerImage");
        assertThat(docker.get("shortDescription").get("text").asText()).isEqualTo("Model packaged in a Docker image");
        assertThat(docker.get("fullDescription").get("text").asText()).isEqualTo("A container runs the same everywhere.");
        assertThat(docker.get("help").get("text").asText()).contains("How to satisfy it: Add a Dockerfile", "How it is detected: A Dockerfile");
        assertThat(docker.get("properties").get("level").asInt()).isEqualTo(3);
        assertThat(docker.get("properties").get("focus").asText()).isEqualTo("architecture");
        assertThat(docker.get("properties").get("weight").asInt()).isEqualTo(3);

        Map<String, String> levels = new HashMap<>();
        for (JsonNode result : run.get("results")) {
            String id = result.get("ruleId").asText();
            assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(id);
            levels.put(id, result.get("level").asText());
            for (JsonNode loc : result.get("locations")) {
                JsonNode artifact = loc.get("physicalLocation").get("artifactLocation");
                assertThat(artifact.get("uriBaseId").asText()).isEqualTo("%SRCROOT%");
                assertThat(artifact.get("uri").asText()).doesNotStartWith("/").doesNotContain("file:");
            }
        }
        // Gate 2 fails at level 1: level 2's unmet and undecided criteria block it, level 1's gap is a warning, nothing beyond level 2.
        assertThat(levels).containsOnlyKeys("G1-plots", "G2-tests", "G2-config", "G2-ci", "G2-package");
        assertThat(levels).containsEntry("G1-plots", "warning").containsEntry("G2-tests", "error").containsEntry("G2-ci", "error");
        run.get("results").forEach(r -> assertThat(r.get("kind").asText()).isEqualTo("fail"));
        assertThat(run.get("invocations").get(0).get("properties").get("level").asInt()).isEqualTo(1);
        assertThat(run.get("invocations").get(0).get("properties").get("gatePassed").asBoolean()).isFalse();
        assertThat(run.get("properties").get("level").asInt()).isEqualTo(1);
        assertThat(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText()).isEqualTo("file:///work/churn/");
    }

    @Test
    void sarifLevelsFollowTheGate() throws Exception {
        // No gate: gaps in the level reached are warnings, the next level's are notes, the undecided a warning.
        assertThat(sarifLevels(null)).containsEntry("G1-plots", "warning").containsEntry("G2-tests", "note")
                .containsEntry("G2-ci", "warning").doesNotContainKey("G3-docker").doesNotContainValue("error");
        // Gate 1 passes (the level is 1): nothing is an error.
        assertThat(sarifLevels(1)).containsEntry("G1-plots", "warning").containsEntry("G2-tests", "note")
                .doesNotContainValue("error");
        assertThat(sarifLevels(0)).doesNotContainValue("error");
        // Gate 2 fails: the level-2 criteria block it; the level-1 gap does not.
        assertThat(sarifLevels(2)).containsEntry("G2-tests", "error").containsEntry("G2-ci", "error")
                .containsEntry("G1-plots", "warning");
        // Gate 3 reaches beyond the next level: everything between the level and the gate is an error, level 4 is not reported.
        assertThat(sarifLevels(3)).containsEntry("G3-docker", "error").containsEntry("G3-api", "error")
                .doesNotContainKeys("G2-gpu", "G4-load-test", "G1-loads-data", "W-diagram");
        for (Integer gate : new Integer[] {null, 0, 1, 2, 3, 5}) {
            assertThat(sarifLevels(gate)).as("gate %s", gate).doesNotContainValue("none");
        }
    }

    @Test
    void nearMissesAreLocatedAndRepositoryFindingsPointAtLineOneOfTheReadme() throws Exception {
        JsonNode results = new ObjectMapper().readTree(new SarifReport().render(GoldenFixture.gated(a, 3), GoldenFixture.context(3))).get("runs").get(0).get("results");
        Map<String, JsonNode> byRule = new HashMap<>();
        results.forEach(r -> byRule.put(r.get("ruleId").asText(), r.get("locations").get(0).get("physicalLocation")));
        assertThat(byRule.get("G3-docker").get("artifactLocation").get("uri").asText()).isEqualTo("Dockerfile");
        assertThat(byRule.get("G2-tests").get("artifactLocation").get("uri").asText()).isEqualTo("tests/test_train.py");
        assertThat(byRule.get("G2-tests").get("region").get("startLine").asInt()).isEqualTo(1);
        assertThat(byRule.get("G2-ci").get("region").get("startLine").asInt()).isEqualTo(2);
        assertThat(byRule.get("G3-api").get("artifactLocation").get("uri").asText()).isEqualTo("README.md");
        assertThat(byRule.get("G3-api").get("region").get("startLine").asInt()).isEqualTo(1);
    }

    @Test
    void sarifPathsAreUriReferences() {
        assertThat(SarifReport.uri("src/my model.py")).isEqualTo("src/my%20model.py");
        assertThat(SarifReport.uri("notes/résumé.md")).isEqualTo("notes/r%C3%A9sum%C3%A9.md");
        assertThat(SarifReport.uri("a:b.py")).isEqualTo("./a:b.py");
        assertThat(SarifReport.uri("dir/a:b.py")).isEqualTo("dir/a:b.py");
        assertThat(SarifReport.uri("100%.txt")).isEqualTo("100%25.txt");
        assertThat(SarifReport.pascalCase("Trains a model (scikit-learn)")).isEqualTo("TrainsAModelScikitLearn");
    }

    private static Map<String, String> sarifLevels(Integer gate) throws Exception {
        JsonNode results = new ObjectMapper().readTree(new SarifReport().render(GoldenFixture.gated(a, gate), GoldenFixture.context(gate))).get("runs").get(0).get("results");
        Map<String, String> levels = new HashMap<>();
        results.forEach(r -> levels.put(r.get("ruleId").asText(), r.get("level").asText()));
        return levels;
    }

    // ---------------------------------------------------------------- JUnit

    @Test
    void junitCountsMatchItsElementsAtEveryGate() throws Exception {
        for (Integer gate : new Integer[] {null, 0, 1, 2, 5}) {
            Document doc = xml(new JUnitReport().render(GoldenFixture.gated(a, gate), GoldenFixture.context(gate)));
            Element root = doc.getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("testsuites");
            NodeList suites = root.getElementsByTagName("testsuite");
            assertThat(suites.getLength()).isEqualTo(a.progress().size() + 1);
            int[] sum = new int[4];
            for (int i = 0; i < suites.getLength(); i++) {
                Element suite = (Element) suites.item(i);
                int[] counted = {suite.getElementsByTagName("testcase").getLength(), suite.getElementsByTagName("failure").getLength(),
                        suite.getElementsByTagName("error").getLength(), suite.getElementsByTagName("skipped").getLength()};
                assertThat(new int[] {intAttr(suite, "tests"), intAttr(suite, "failures"), intAttr(suite, "errors"), intAttr(suite, "skipped")})
                        .as("%s at gate %s", suite.getAttribute("name"), gate).containsExactly(counted);
                for (int k = 0; k < 4; k++) {
                    sum[k] += counted[k];
                }
            }
            assertThat(new int[] {intAttr(root, "tests"), intAttr(root, "failures"), intAttr(root, "errors")})
                    .containsExactly(sum[0], sum[1], sum[2]);
            assertThat(root.hasAttribute("skipped")).isFalse();
            assertThat(sum[0]).isEqualTo(15);
        }
    }

    @Test
    void junitValidatesAgainstJenkinsSchemaAtEveryGate() {
        for (Integer gate : new Integer[] {null, 0, 1, 2, 3, 5}) {
            String junit = new JUnitReport().render(GoldenFixture.gated(a, gate), GoldenFixture.context(gate));
            assertThat(JUnitXml.violations(junit)).as("gate %s", gate).isEmpty();
        }
        Provenance provenance = new Provenance("0123456789abcdef0123456789abcdef01234567", "v1.0", null);
        String junit = new JUnitReport().render(a, GoldenFixture.context(null, provenance));
        assertThat(JUnitXml.violations(junit)).isEmpty();
        assertThat(junit).contains("<property name=\"commit\" value=\"0123456789abcdef0123456789abcdef01234567\"/>",
                "<property name=\"ref\" value=\"v1.0\"/>");
    }

    @Test
    void theJUnitSchemaRejectsWhatJenkinsRejects() {
        String junit = new JUnitReport().render(a, GoldenFixture.context(null));
        assertThat(JUnitXml.violations(junit.replaceFirst("<testsuites ", "<testsuites skipped=\"1\" "))).isNotEmpty();
        assertThat(JUnitXml.violations(junit.replaceFirst("<testcase classname=\"[^\"]*\" name=\"[^\"]*\"", "<testcase"))).isNotEmpty();
    }

    @Test
    void junitFailsOnlyWhatFailsTheGate() throws Exception {
        // No gate, or a gate that passed: no failures at all.
        assertThat(failures(null)).isEmpty();
        assertThat(failures(1)).isEmpty();
        assertThat(failures(0)).isEmpty();
        // A failed gate: the unmet criteria of the levels between the level (1) and the gate.
        assertThat(failures(2)).containsExactlyInAnyOrder("G2-tests", "G2-config", "G2-package");
        assertThat(failures(3)).contains("G3-docker", "G3-api", "G2-tests").doesNotContain("G1-plots", "G2-gpu", "G4-load-test");
        Document doc = xml(new JUnitReport().render(GoldenFixture.gated(a, 2), GoldenFixture.context(2)));
        Element ci = testcase(doc, "G2-ci");
        assertThat(ci.getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(ci.getAttribute("classname")).isEqualTo("mlproj.level2");
        assertThat(ci.getAttribute("name")).isEqualTo("G2-ci Continuous integration runs the checks");
        doc = xml(new JUnitReport().render(a, GoldenFixture.context(null)));
        assertThat(testcase(doc, "G2-ci").getElementsByTagName("error").getLength()).isZero();
        assertThat(((Element) testcase(doc, "G2-gpu").getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("not applicable");
        assertThat(testcase(doc, "G1-loads-data").getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("train.py:4 df = pd.read_csv(\"data|<raw>&.csv\")");
    }

    private static List<String> failures(Integer gate) throws Exception {
        Document doc = xml(new JUnitReport().render(GoldenFixture.gated(a, gate), GoldenFixture.context(gate)));
        NodeList failures = doc.getElementsByTagName("failure");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < failures.getLength(); i++) {
            ids.add(((Element) failures.item(i).getParentNode()).getAttribute("name").split(" ")[0]);
        }
        return ids;
    }

    private static Element testcase(Document doc, String id) {
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").startsWith(id + " ")) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + id);
    }

    // ---------------------------------------------------------------- CSV

    @Test
    void csvParsesBackOneRowPerCriterion() throws Exception {
        String csv = new CsvReport().render(a, GoldenFixture.context(null));
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder().setHeader().get())) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(CsvReport.HEADER);
            records = parser.getRecords();
        }
        assertThat(records).hasSize(a.results().size() + a.walkthrough().size());
        Map<String, CSVRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.get("id"), r));
        assertThat(byId.get("G1-loads-data").get("evidence")).isEqualTo("train.py:4 df = pd.read_csv(\"data|<raw>&.csv\")");
        assertThat(byId.get("G1-loads-data").get("fix")).isEmpty();
        assertThat(byId.get("G1-loads-data").get("outcome")).isEqualTo("met");
        assertThat(byId.get("G3-docker").get("evidence")).isEqualTo("not counted: Dockerfile no CMD or ENTRYPOINT");
        assertThat(byId.get("G3-docker").get("fix")).startsWith("Add a Dockerfile");
        assertThat(byId.get("G2-gpu").get("outcome")).isEqualTo("not-applicable");
        assertThat(byId.get("G2-ci").get("outcome")).isEqualTo("error");
        assertThat(byId.get("W-diagram").get("level")).isEmpty();
        assertThat(byId.get("G3-api").get("weight")).isEqualTo("2");
    }

    @Test
    void csvCellsASpreadsheetWouldEvaluateAreDefused() {
        String csv = Csv.write(List.of("a", "b", "c"), List.of(List.of("=HYPERLINK(\"x\")", "@SUM(A1)", "-1+2")));
        assertThat(csv).contains("'=HYPERLINK", "'@SUM", "'-1+2");
        assertThat(Csv.write(List.of("n"), List.of(List.of(3)))).isEqualTo("n\r\n3\r\n");
    }

    // ---------------------------------------------------------------- badge

    @Test
    void badgeIsWellFormedSvgWithATitleAndConsistentWidths() throws Exception {
        Document doc = xml(new BadgeReport().render(a, GoldenFixture.context(null)));
        Element svg = doc.getDocumentElement();
        assertThat(svg.getTagName()).isEqualTo("svg");
        assertThat(svg.getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("mlproj: level 1, Notebook experiments");
        NodeList rects = ((Element) svg.getElementsByTagName("g").item(0)).getElementsByTagName("rect");
        int label = intAttr((Element) rects.item(0), "width");
        int message = intAttr((Element) rects.item(1), "width");
        assertThat(label + message).isEqualTo(intAttr(svg, "width"));
        assertThat(((Element) rects.item(1)).getAttribute("fill")).isEqualTo("#fe7d37");
        NodeList texts = svg.getElementsByTagName("text");
        assertThat(texts.item(1).getTextContent()).isEqualTo("mlproj");
        assertThat(texts.item(3).getTextContent()).isEqualTo("level 1");
        // Each text fits its half with the padding shields.io uses.
        assertThat(intAttr((Element) texts.item(1), "textLength")).isEqualTo(10 * (label - 10));
    }

    @Test
    void badgeTextWidthsAreEstimatedFromVerdana() {
        assertThat(BadgeReport.textWidth("mlproj")).isBetween(33.0, 38.0);
        assertThat(BadgeReport.textWidth("level 3")).isGreaterThan(BadgeReport.textWidth("level"));
        assertThat(BadgeReport.textWidth("WWW")).isGreaterThan(BadgeReport.textWidth("iii") * 2);
        assertThat(BadgeReport.textWidth("日本")).isEqualTo(22.0);
    }

    // ---------------------------------------------------------------- Markdown

    @Test
    void markdownHasTheVerdictProgressFocusNextAndFoldedLists() {
        String md = new MarkdownReport(false).render(a, GoldenFixture.context(null));
        assertThat(md.lines().limit(2)).containsExactly(MarkdownReport.MARKER, "### mlproj: Level 1, Notebook experiments, 17% of Level 2");
        assertThat(md).contains("| Level | | Progress |", "| **L1 Notebook experiments** | ✅ | 80% |",
                "| Areas | This project | Seed's split (Modeling-focused engineer) |",
                "#### Next: Level 2, Structured project", "> [!WARNING]",
                "- ✅ Loads a dataset into a DataFrame (`G1-loads-data`)", "`train.py:4`",
                "not counted: `tests/test_train.py:1` def test\\_loads",
                "- ➖ Training runs on a GPU (`G2-gpu`): not applicable",
                "- ⚠️ Continuous integration runs the checks (`G2-ci`): error");
        assertThat(count(md, "<details>")).isEqualTo(count(md, "</details>")).isGreaterThanOrEqualTo(3);
        assertThat(md).doesNotContain("Gate");
        // Repository text cannot break out of the Markdown: pipes, angle brackets and brackets are escaped.
        assertThat(md).contains("pd.read\\_csv(\"data\\|\\<raw\\>&.csv\")");
    }

    @Test
    void markdownStatesTheGate() {
        assertThat(new MarkdownReport(false).render(GoldenFixture.gated(a, 2), GoldenFixture.context(2)))
                .contains("❌ Gate failed at level 1: `--min-level 2`.", "- level 1 is below --min-level 2");
        assertThat(new MarkdownReport(false).render(GoldenFixture.gated(a, 1), GoldenFixture.context(1)))
                .contains("✅ Gate passed at level 1: `--min-level 1`.");
        assertThat(new MarkdownReport(false).headline(a)).isEqualTo("**mlproj: Level 1, Notebook experiments**, 17% of Level 2");
    }

    @Test
    void markdownLinksEvidenceAtTheAssessedCommitWhenTheRepositoryIsKnown() {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        String md = new MarkdownReport(false).render(a, GoldenFixture.context(null, new Provenance(sha, "refs/heads/main", "https://github.com/o/churn")));
        assertThat(md).contains("Assessed `churn` at commit [`0123456789ab`](https://github.com/o/churn/commit/" + sha + ") (`refs/heads/main`)",
                "[`train.py:4`](https://github.com/o/churn/blob/" + sha + "/train.py#L4)",
                "not counted: [`tests/test_train.py:1`](https://github.com/o/churn/blob/" + sha + "/tests/test_train.py#L1)");
        // Without a web address the commit is named and nothing is linked.
        String local = new MarkdownReport(false).render(a, GoldenFixture.context(null, new Provenance(sha, null, null)));
        assertThat(local).contains("Assessed `churn` at commit `0123456789ab` with").doesNotContain("](http");
        assertThat(new MarkdownReport(false).render(a, GoldenFixture.context(null))).doesNotContain("](http");
    }

    @Test
    void remotesBecomeWebAddressesWithoutCredentials() {
        assertThat(Provenance.webUrl("git@github.com:o/r.git")).isEqualTo("https://github.com/o/r");
        assertThat(Provenance.webUrl("https://user:token@github.com/o/r.git")).isEqualTo("https://github.com/o/r");
        assertThat(Provenance.webUrl("ssh://git@gitlab.example.com:2222/g/sub/r.git")).isEqualTo("https://gitlab.example.com/g/sub/r");
        assertThat(Provenance.webUrl("https://github.com/o/r/")).isEqualTo("https://github.com/o/r");
        assertThat(Provenance.webUrl("file:///srv/r.git")).isNull();
        assertThat(Provenance.webUrl("/srv/r.git")).isNull();
        assertThat(Provenance.webUrl("../r")).isNull();
        assertThat(Provenance.webUrl("")).isNull();
        String sha = "0123456789abcdef0123456789abcdef01234567";
        assertThat(new Provenance(sha, null, "https://gitlab.com/g/r").fileUrl("src/my model.py", 3))
                .isEqualTo("https://gitlab.com/g/r/-/blob/" + sha + "/src/my%20model.py#L3");
        assertThat(new Provenance(sha, null, "https://bitbucket.org/o/r").fileUrl("a.py", 0))
                .isEqualTo("https://bitbucket.org/o/r/src/" + sha + "/a.py");
    }

    @Test
    void markdownEscapingAndCodeSpans() {
        assertThat(Markdown.escape("a|b <i>*x*</i> [l](u)")).isEqualTo("a\\|b \\<i\\>\\*x\\*\\</i\\> \\[l\\](u)");
        assertThat(Markdown.code("a`b")).isEqualTo("``a`b``");
        assertThat(Markdown.code("`x`")).isEqualTo("`` `x` ``");
    }

    @Test
    void verboseMarkdownShowsEveryPieceOfEvidence() {
        assertThat(a.results().stream().filter(r -> r.criterion().id().equals("G1-trains")).findFirst().orElseThrow().evidence())
                .hasSize(2);
        assertThat(new MarkdownReport(false).render(a, GoldenFixture.context(null))).contains("`train.py:5`").doesNotContain("`train.py:6`");
        assertThat(new MarkdownReport(true).render(a, GoldenFixture.context(null))).contains("`train.py:5`", "`train.py:6`");
    }

    // ---------------------------------------------------------------- helpers

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int intAttr(Element e, String name) {
        return Integer.parseInt(e.getAttribute(name));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

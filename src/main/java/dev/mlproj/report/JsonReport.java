package dev.mlproj.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.ScaffoldStatus;
import dev.mlproj.assess.ConfigStatus;
import dev.mlproj.assess.GateResult;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.assess.FocusReport;
import dev.mlproj.assess.LevelProgress;
import dev.mlproj.rubric.Criterion;
import dev.mlproj.scan.Evidence;
import dev.mlproj.scan.GitFacts;

import java.util.List;
import java.util.Map;

/** The machine-readable report; its keys are a contract (docs/json-schema.md). */
public final class JsonReport {

    public static final String SCHEMA_VERSION = "1.2";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Assessment a, String path, String toolVersion) {
        return render(a, path, toolVersion, Provenance.NONE);
    }

    /** @param provenance the assessed commit, stated as {@code commit} (null outside a git repository) */
    public static String render(Assessment a, String path, String toolVersion, Provenance provenance) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("tool", "mlproj " + toolVersion);
        root.put("path", path);
        if (provenance.known()) {
            ObjectNode commit = root.putObject("commit");
            commit.put("id", provenance.commit());
            commit.put("ref", provenance.ref());
            commit.put("repository", provenance.webUrl());
        } else {
            root.putNull("commit");
        }
        root.put("rubric", a.rubric().id());
        root.put("mlProject", a.mlProject());
        root.put("level", a.level());
        root.put("levelName", Labels.levelName(a));
        root.put("researchTrack", a.researchTrack());
        ObjectNode progress = root.putObject("progress");
        for (LevelProgress p : a.progress()) {
            progress.put(String.valueOf(p.level()), round(p.fraction()));
        }
        ArrayNode levels = root.putArray("levels");
        for (LevelProgress p : a.progress()) {
            ObjectNode l = levels.addObject();
            l.put("level", p.level());
            l.put("name", p.name());
            l.put("fraction", round(p.fraction()));
            l.put("threshold", p.threshold());
            l.put("passed", p.passed());
            l.put("definingPractice", p.definingMet());
            l.put("reached", p.reached());
            l.put("metWeight", p.metWeight());
            l.put("applicableWeight", p.applicableWeight());
            l.put("met", p.metCount());
            l.put("applicable", p.applicableCount());
            l.put("missingWeight", p.missingWeight());
        }
        focus(root.putObject("focus"), a.focus());
        ArrayNode roles = root.putArray("roles");
        a.roles().forEach(roles::add);
        ArrayNode criteria = root.putArray("criteria");
        for (CriterionResult r : a.results()) {
            criterion(criteria.addObject(), r);
        }
        for (CriterionResult r : a.walkthrough()) {
            criterion(criteria.addObject(), r);
        }
        ArrayNode next = root.putArray("next");
        a.next().forEach(r -> next.add(r.criterion().id()));
        ArrayNode gaps = root.putArray("gaps");
        a.gaps().forEach(r -> gaps.add(r.criterion().id()));
        ObjectNode walkthrough = root.putObject("walkthrough");
        walkthrough.put("score", round(a.walkthroughScore()));
        ArrayNode wMet = walkthrough.putArray("met");
        ArrayNode wMissing = walkthrough.putArray("missing");
        for (CriterionResult r : a.walkthrough()) {
            (r.isMet() ? wMet : wMissing).add(r.criterion().id());
        }
        ObjectNode scaffold = root.putObject("scaffold");
        ArrayNode untouched = scaffold.putArray("untouched");
        a.scaffold().untouched().forEach(untouched::add);
        scaffold.put("discounted", a.scaffold().discounted());
        scaffold.put("untouchedScaffold", a.scaffold().wholly());
        if (a.scaffold().wholly()) {
            scaffold.put("verdict", ScaffoldStatus.VERDICT);
        }
        config(root, a.config());
        if (a.gate() != null) {
            gate(root.putObject("gate"), a.gate());
        }
        git(root.putObject("git"), a.facts().git());
        ObjectNode scan = root.putObject("scan");
        scan.put("files", a.facts().files().size());
        scan.put("filesRead", a.facts().filesRead());
        scan.put("bytesRead", a.facts().bytesRead());
        ArrayNode warnings = root.putArray("warnings");
        a.facts().warnings().forEach(warnings::add);
        if (a.scaffold().problem() != null) {
            warnings.add(a.scaffold().problem());
        }
        a.config().warnings().forEach(warnings::add);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON rendering failed", e);
        }
    }

    private static void config(ObjectNode root, ConfigStatus config) {
        if (!config.present()) {
            root.putNull("config");
            return;
        }
        ObjectNode o = root.putObject("config");
        o.put("file", config.file());
        o.put("focus", config.declaredFocus());
        ArrayNode waivers = o.putArray("waivers");
        for (ConfigStatus.Waived w : config.waivers()) {
            waivers.addObject().put("criterion", w.criterion()).put("reason", w.reason()).put("line", w.line());
        }
        ArrayNode rubrics = o.putArray("rubrics");
        config.rubrics().forEach(rubrics::add);
        o.put("levelWithoutConfig", config.levelWithoutConfig());
    }

    private static void gate(ObjectNode o, GateResult gate) {
        if (gate.minLevel() == null) {
            o.putNull("minLevel");
        } else {
            o.put("minLevel", gate.minLevel());
        }
        if (gate.baseline() == null) {
            o.putNull("baseline");
        } else {
            o.putObject("baseline").put("source", gate.baseline().source()).put("level", gate.baseline().level());
        }
        o.put("judgedLevel", gate.judgedLevel());
        o.put("passed", gate.passed());
        ArrayNode failures = o.putArray("failures");
        gate.failures().forEach(failures::add);
        ArrayNode regressions = o.putArray("regressions");
        gate.regressions().forEach(regressions::add);
        ArrayNode gains = o.putArray("gains");
        gate.gains().forEach(gains::add);
    }

    private static void focus(ObjectNode node, FocusReport focus) {
        if (focus.dominant() == null) {
            node.putNull("dominant");
        } else {
            node.put("dominant", focus.dominant());
        }
        node.put("declared", focus.declared());
        ObjectNode shares = node.putObject("shares");
        for (Map.Entry<String, Double> e : focus.shares().entrySet()) {
            shares.put(e.getKey(), round(e.getValue()));
        }
        ArrayNode comparison = node.putArray("expectedSplit");
        for (FocusReport.SplitComparison c : focus.comparison()) {
            ObjectNode o = comparison.addObject();
            o.put("areas", c.areas());
            o.put("expectedMin", c.expectedMin());
            o.put("expectedMax", c.expectedMax());
            o.put("actual", c.actual());
            o.put("status", c.status());
        }
    }

    private static void criterion(ObjectNode o, CriterionResult r) {
        Criterion c = r.criterion();
        o.put("id", c.id());
        o.put("title", c.title());
        if (c.isWalkthrough()) {
            o.putNull("level");
        } else {
            o.put("level", c.level());
        }
        o.put("section", c.isWalkthrough() ? "walkthrough" : "level");
        o.put("focus", c.focus());
        o.put("weight", c.weight());
        o.put("outcome", Labels.token(r.outcome()));
        evidence(o.putArray("evidence"), r.evidence());
        evidence(o.putArray("notCounted"), r.notCounted());
        if (r.isMet()) {
            o.putNull("fix");
        } else {
            o.put("fix", c.fix());
        }
        if (c.scaffold() == null) {
            o.putNull("scaffold");
        } else {
            o.put("scaffold", c.scaffold());
        }
    }

    private static void evidence(ArrayNode array, List<Evidence> evidence) {
        for (Evidence e : evidence) {
            ObjectNode o = array.addObject();
            o.put("path", e.path());
            o.put("line", e.line());
            o.put("detail", e.detail());
        }
    }

    private static void git(ObjectNode o, GitFacts git) {
        o.put("repository", git.repository());
        o.put("commits", git.commits());
        o.put("authors", git.authors());
        o.put("activeWeeks", git.activeWeeks());
        o.put("tags", git.tags());
        o.put("firstCommit", git.firstCommit() == null ? null : git.firstCommit().toString());
        o.put("lastCommit", git.lastCommit() == null ? null : git.lastCommit().toString());
        o.put("partial", git.partial());
        o.put("note", git.note());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

package dev.mlproj.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** YAML documents: Kubernetes objects, CI workflows, DVC, compose, Prometheus, feature stores, configs. */
final class YamlAnalyzer {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
            "Pod", "ReplicaSet", "InferenceService", "SeldonDeployment", "Rollout", "RayCluster", "RayJob",
            "PyTorchJob", "TFJob", "MPIJob", "Service.serving.knative.dev");
    private static final Set<String> AUTOSCALERS = Set.of("HorizontalPodAutoscaler", "ScaledObject", "VerticalPodAutoscaler");
    private static final Set<String> CI_RESERVED = Set.of("stages", "variables", "image", "services", "before_script",
            "after_script", "cache", "include", "default", "workflow", "pages");

    private static final ObjectMapper MAPPER = new ObjectMapper(yamlFactory());

    private YamlAnalyzer() {
    }

    static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(true);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit(8 * 1024 * 1024);
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    static void analyze(String path, String text, FactStore store) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null) {
                    docs.add(node);
                }
            }
        } catch (JsonProcessingException e) {
            if (!path.contains("/templates/")) { // Helm templates are not YAML until rendered.
                int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
                store.add(FactType.READ_ERROR, "yaml", new Evidence(path, line,
                        "YAML syntax error at line " + line + ", column " + col + ": " + e.getOriginalMessage()));
            }
            return;
        } catch (IOException | RuntimeException e) {
            store.add(FactType.READ_ERROR, "yaml", Evidence.ofFile(path, "YAML could not be read: " + e.getMessage()));
            return;
        }
        Lines lines = new Lines(path, text);
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        for (JsonNode doc : docs) {
            if (!doc.isObject()) {
                continue;
            }
            kubernetes(doc, lines, store);
            if (lower.startsWith(".github/workflows/") || lower.contains("/.github/workflows/")) {
                githubWorkflow(doc, lines, store);
            } else if (name.equals(".gitlab-ci.yml")) {
                gitlab(doc, lines, store);
            } else if (lower.endsWith(".circleci/config.yml") || name.equals("azure-pipelines.yml")
                    || name.equals("bitbucket-pipelines.yml") || name.equals(".travis.yml")) {
                genericCi(doc, lines, store, name);
            } else if (name.equals("dvc.yaml") || name.equals("dvc.yml")) {
                dvcPipeline(doc, lines, store);
            } else if (isCompose(name)) {
                compose(doc, lines, store);
            } else if (name.equals("chart.yaml")) {
                if (doc.hasNonNull("name") && doc.hasNonNull("version")) {
                    store.add(FactType.HELM_CHART, doc.get("name").asText(), lines.find("^name:", "Chart " + doc.get("name").asText()));
                }
            } else if (name.equals("feature_store.yaml") || name.equals("feature_store.yml")) {
                if (doc.hasNonNull("project") && (doc.has("registry") || doc.has("provider"))) {
                    store.add(FactType.FEATURE_STORE, "feast", lines.find("^project:", "Feast project " + doc.get("project").asText()));
                }
            }
            prometheus(doc, lines, store);
            config(doc, lower, name, lines, store);
        }
    }

    private static boolean isCompose(String name) {
        return name.startsWith("docker-compose") || name.startsWith("compose.") || name.equals("compose.yaml");
    }

    private static void kubernetes(JsonNode doc, Lines lines, FactStore store) {
        if (!doc.hasNonNull("apiVersion") || !doc.hasNonNull("kind")) {
            return;
        }
        String kind = doc.get("kind").asText();
        JsonNode spec = doc.get("spec");
        if (spec == null || !spec.isObject()) {
            return;
        }
        Evidence at = lines.find("^kind:\\s*" + java.util.regex.Pattern.quote(kind) + "\\s*$", "kind: " + kind);
        if (WORKLOADS.contains(kind) && (spec.findValue("containers") != null || spec.findValue("predictor") != null
                || kind.equals("InferenceService"))) {
            store.add(FactType.K8S_WORKLOAD, kind, at);
        } else if ((kind.equals("Service") && spec.has("ports")) || (kind.equals("Ingress") && spec.has("rules"))) {
            store.add(FactType.K8S_SERVICE, kind, at);
        } else if (AUTOSCALERS.contains(kind) && (spec.has("scaleTargetRef") || spec.has("targetRef"))) {
            store.add(FactType.AUTOSCALER, kind, at);
        } else if ((kind.equals("Workflow") || kind.equals("WorkflowTemplate") || kind.equals("CronWorkflow"))
                && (spec.has("templates") || spec.has("workflowSpec"))) {
            store.add(FactType.ORCHESTRATED_WORKFLOW, "argo", at);
        } else if (kind.equals("PrometheusRule") && spec.has("groups")) {
            alertRules(spec, lines, store);
        }
    }

    private static void githubWorkflow(JsonNode doc, Lines lines, FactStore store) {
        JsonNode jobs = doc.get("jobs");
        if (jobs == null || !jobs.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = jobs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> job = it.next();
            JsonNode steps = job.getValue().get("steps");
            boolean runs = false;
            if (steps != null && steps.isArray()) {
                for (JsonNode step : steps) {
                    if (step.hasNonNull("run") && runsACommand(step.get("run").asText())) {
                        runs = true;
                    }
                }
            }
            if (runs || job.getValue().hasNonNull("uses")) {
                store.add(FactType.CI_JOB, "github-actions", lines.find("^\\s+" + java.util.regex.Pattern.quote(job.getKey()) + ":", "job " + job.getKey()));
            }
        }
    }

    private static void gitlab(JsonNode doc, Lines lines, FactStore store) {
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode job = entry.getValue();
            if (!CI_RESERVED.contains(entry.getKey()) && job.isObject()
                    && (scriptRuns(job.get("script")) || job.has("trigger") || job.has("extends"))) {
                store.add(FactType.CI_JOB, "gitlab-ci", lines.find("^" + java.util.regex.Pattern.quote(entry.getKey()) + ":", "job " + entry.getKey()));
            }
        }
    }

    private static void genericCi(JsonNode doc, Lines lines, FactStore store, String system) {
        boolean runs = doc.findValue("script") != null || doc.findValue("run") != null || doc.findValue("steps") != null;
        if (runs) {
            store.add(FactType.CI_JOB, system.replace(".yml", ""), Evidence.ofFile(lines.path, "CI configuration with steps"));
        }
    }

    /** Words a step can say without checking or building anything: a job made only of them runs nothing. */
    private static final Set<String> NO_OP_COMMANDS = Set.of("echo", "printf", "true", ":", "sleep", "exit", "cat", "ls", "pwd", "date", "env");

    /**
     * Whether a shell script does something: a line whose command is not one of {@link #NO_OP_COMMANDS}
     * (a job that only echoes "tests passed" is a CI job in name only).
     */
    static boolean runsACommand(String script) {
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end)) && trimmed.charAt(end) != ';') {
                end++;
            }
            if (!NO_OP_COMMANDS.contains(trimmed.substring(0, end))) {
                return true;
            }
        }
        return false;
    }

    private static boolean scriptRuns(JsonNode script) {
        if (script == null) {
            return false;
        }
        if (script.isArray()) {
            for (JsonNode line : script) {
                if (line.isTextual() && runsACommand(line.asText())) {
                    return true;
                }
            }
            return false;
        }
        return script.isTextual() && runsACommand(script.asText());
    }

    private static void dvcPipeline(JsonNode doc, Lines lines, FactStore store) {
        JsonNode stages = doc.get("stages");
        if (stages == null || !stages.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = stages.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> stage = it.next();
            JsonNode cmd = stage.getValue().get("cmd");
            if (cmd != null && (cmd.isArray() ? cmd.size() > 0 : !cmd.asText().isBlank())) {
                store.add(FactType.DVC_STAGE, stage.getKey(), lines.find("^\\s+" + java.util.regex.Pattern.quote(stage.getKey()) + ":", "stage " + stage.getKey() + ": " + cmd.asText()));
            }
        }
    }

    private static void compose(JsonNode doc, Lines lines, FactStore store) {
        JsonNode services = doc.get("services");
        if (services == null || !services.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            JsonNode s = service.getValue();
            if (s.hasNonNull("image") || s.hasNonNull("build")) {
                String what = s.hasNonNull("image") ? s.get("image").asText() : "build";
                store.add(FactType.COMPOSE_SERVICE, service.getKey(), lines.find("^\\s+" + java.util.regex.Pattern.quote(service.getKey()) + ":", "service " + service.getKey() + " (" + what + ")"));
            }
        }
    }

    private static void prometheus(JsonNode doc, Lines lines, FactStore store) {
        JsonNode scrape = doc.get("scrape_configs");
        if (scrape != null && scrape.isArray() && scrape.size() > 0) {
            store.add(FactType.PROMETHEUS_SCRAPE, lines.path, lines.find("^scrape_configs:", "scrape_configs with " + scrape.size() + " job(s)"));
        }
        if (doc.has("groups")) {
            alertRules(doc, lines, store);
        }
    }

    private static void alertRules(JsonNode parent, Lines lines, FactStore store) {
        JsonNode groups = parent.get("groups");
        if (groups == null || !groups.isArray()) {
            return;
        }
        for (JsonNode group : groups) {
            JsonNode rules = group.get("rules");
            if (rules == null || !rules.isArray()) {
                continue;
            }
            for (JsonNode rule : rules) {
                if (rule.hasNonNull("alert") && rule.hasNonNull("expr")) {
                    String alert = rule.get("alert").asText();
                    store.add(FactType.ALERT_RULE, alert, lines.find("alert:\\s*" + java.util.regex.Pattern.quote(alert), "alert " + alert + ": " + rule.get("expr").asText()));
                }
            }
        }
    }

    private static void config(JsonNode doc, String lowerPath, String name, Lines lines, FactStore store) {
        boolean configPlace = lowerPath.startsWith("config") || lowerPath.contains("/config") || lowerPath.startsWith("conf/")
                || lowerPath.contains("/conf/") || name.contains("config") || name.startsWith("params")
                || name.contains("hparams") || name.contains("experiment") || name.contains("settings");
        boolean infrastructure = lowerPath.contains(".github/") || isCompose(name) || name.startsWith("dvc.")
                || doc.has("apiVersion") || name.equals(".pre-commit-config.yaml") || name.startsWith("mkdocs")
                || name.startsWith("environment") || name.startsWith(".") || lowerPath.contains(".circleci/");
        if (configPlace && !infrastructure && doc.size() >= 2) {
            store.add(FactType.CONFIG_FILE, lines.path, Evidence.ofFile(lines.path, doc.size() + " top-level settings"));
        }
    }

    /** Line lookup for evidence, since tree nodes do not keep their positions. */
    static final class Lines {
        final String path;
        private final String[] lines;

        Lines(String path, String text) {
            this.path = path;
            this.lines = text.split("\n", -1);
        }

        Evidence find(String regex, String detail) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
            for (int i = 0; i < lines.length; i++) {
                if (p.matcher(lines[i]).find()) {
                    return new Evidence(path, i + 1, detail);
                }
            }
            return Evidence.ofFile(path, detail);
        }
    }
}

package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wires {@code next}'s plan into the repository it reads ({@link RepoProfile}): requirements come from the
 * repository's imports, the service calls the repository's own predict or preprocess function and loads its
 * own model, the Dockerfile copies files that exist, and a package is only created (with an
 * {@code __init__.py}) when the repository has none. A piece it cannot wire is not written, and a note says
 * why; pieces the repository does not support (a neural network for a repository without one, a custom
 * architecture or a novel method for level 5) are never written.
 */
public final class NextAdapter {

    /** @param notes what was not written and why, in plan order */
    public record Adapted(NextPlanner.NextPlan plan, List<String> notes, String wiring) { }

    /** Criteria whose files only make sense around a served model. */
    static final Set<String> SERVICE = Set.of("L3-docker", "L3-model-serving", "L3-api", "L3-health-check", "L3-logging",
            "L3-serving-metrics", "L3-monitoring", "L3-compose", "L3-load-testing", "L3-batch-predictions", "L3-ci");
    /** Level-5 criteria that are the research itself: no template can honestly provide them. */
    static final Set<String> RESEARCH = Set.of("L5-custom-architecture", "L5-novel-method", "L5-research-area");

    private NextAdapter() {
    }

    /** How a request reaches the repository's model, or why it cannot. */
    record Wiring(String kind, RepoProfile.Function function, String modelPath, String loader, String dataFile, String target,
                  String description, String problem) {

        boolean wired() {
            return problem == null;
        }
    }

    public static Adapted adapt(Path root, NextPlanner.NextPlan plan, RepoProfile profile, TemplateLibrary library,
                                Map<String, Object> variables) throws ConfigException, IOException {
        List<String> notes = new ArrayList<>();
        Map<String, NextPlanner.Step> steps = new LinkedHashMap<>();
        for (NextPlanner.Step s : plan.steps()) {
            steps.put(s.file().path(), s);
        }
        String packageDir = (String) variables.get("packageDir");
        boolean needsService = plan.steps().stream().anyMatch(s -> s.file().criteria().stream().anyMatch(SERVICE::contains));
        Wiring wiring = needsService ? wiring(root, profile) : null;
        TemplateRenderer base = new TemplateRenderer(variables);

        for (String path : new ArrayList<>(steps.keySet())) {
            NextPlanner.Step step = steps.get(path);
            List<String> criteria = step.file().criteria();
            if (criteria.stream().anyMatch(RESEARCH::contains)) {
                steps.remove(path);
                notes.add(path + ": not written: a custom architecture or a novel method is the research itself, not a template");
                continue;
            }
            if (criteria.contains("L4-deep-learning") && !profile.usesDeepLearning()) {
                steps.remove(path);
                notes.add(path + ": not written: it trains a neural network, and this repository uses no deep-learning library");
                continue;
            }
            if (criteria.stream().anyMatch(SERVICE::contains) && criteria.stream().allMatch(c -> SERVICE.contains(c) || c.startsWith("L2"))
                    && wiring != null && !wiring.wired()) {
                steps.remove(path);
                notes.add(path + ": not written: " + wiring.problem());
                continue;
            }
            if (path.endsWith("/batch.py") || path.equals("tests/test_batch.py") || path.equals("loadtest/locustfile.py")) {
                if (wiring != null && wiring.wired() && !wiring.kind().equals("pipeline")) {
                    steps.remove(path);
                    notes.add(path + ": not written: it calls a scikit-learn model directly, not your "
                            + wiring.function().name() + "()");
                } else if (path.equals("loadtest/locustfile.py")) {
                    steps.remove(path);
                    notes.add(path + ": not written: its requests use the template's sample columns, not your data's");
                }
            }
        }
        if (steps.containsKey("requirements.txt")) {
            replace(steps, "requirements.txt", requirements(profile));
        }
        if (wiring != null && wiring.wired()) {
            if (!Files.exists(root.resolve("requirements.txt"), LinkOption.NOFOLLOW_LINKS) && !steps.containsKey("requirements.txt")) {
                steps.put("requirements.txt", new NextPlanner.Step(new PlannedFile("requirements.txt", requirements(profile),
                        "next/requirements (from the repository's imports)", List.of("L2-dependencies")), false));
            }
            Map<String, Object> vars = new LinkedHashMap<>(variables);
            vars.putAll(wiringVariables(root, wiring, steps, profile, packageDir));
            TemplateRenderer renderer = new TemplateRenderer(vars);
            Map<String, TemplateLibrary.TemplateFile> next = new LinkedHashMap<>();
            for (TemplateLibrary.TemplateFile f : library.files("next")) {
                next.put(f.relative(), f);
            }
            SkeletonPlanner planner = new SkeletonPlanner(library);
            renderInto(steps, packageDir + "/service.py", next.get("service.py.mustache"), planner, renderer);
            renderInto(steps, "tests/test_service.py", next.get("test_service.py.mustache"), planner, renderer);
            renderInto(steps, "Dockerfile", next.get("Dockerfile.mustache"), planner, renderer);
            if (steps.containsKey("docker-compose.yml") && wiring.modelPath() != null) {
                String compose = new String(steps.get("docker-compose.yml").file().content(), StandardCharsets.UTF_8)
                        .replace("/app/models/model.joblib", "/app/" + wiring.modelPath());
                replace(steps, "docker-compose.yml", compose.getBytes(StandardCharsets.UTF_8));
            }
        }
        // A package is created only with its __init__.py, and only when the repository has none.
        boolean writesIntoPackage = steps.keySet().stream().anyMatch(p -> p.startsWith(packageDir + "/"));
        if (writesIntoPackage && profile.packages().isEmpty() && !Files.exists(root.resolve(packageDir).resolve("__init__.py"))) {
            String init = packageDir + "/__init__.py";
            steps.put(init, new NextPlanner.Step(new PlannedFile(init, ("\"\"\"" + base.variables().get("title")
                    + ": the package mlproj next created for the modules it added.\"\"\"\n").getBytes(StandardCharsets.UTF_8),
                    "next/__init__.py", List.of()), false));
        }
        NextPlanner.NextPlan adapted = new NextPlanner.NextPlan(plan.targetLevel(), new ArrayList<>(steps.values()), plan.uncovered());
        return new Adapted(adapted, notes, wiring == null ? null : wiring.wired() ? wiring.description() : null);
    }

    private static void renderInto(Map<String, NextPlanner.Step> steps, String path, TemplateLibrary.TemplateFile template,
                                   SkeletonPlanner planner, TemplateRenderer renderer) throws ConfigException {
        NextPlanner.Step step = steps.get(path);
        if (step == null) {
            return;
        }
        if (template == null) {
            throw new ConfigException("templates/next: missing the template for " + path);
        }
        PlannedFile rendered = planner.render(path, template, renderer, step.file().criteria());
        steps.put(path, new NextPlanner.Step(rendered, step.conflict()));
    }

    private static void replace(Map<String, NextPlanner.Step> steps, String path, byte[] content) {
        NextPlanner.Step s = steps.get(path);
        steps.put(path, new NextPlanner.Step(new PlannedFile(path, content, s.file().source() + " (adapted)", s.file().criteria()),
                s.conflict()));
    }

    static byte[] requirements(RepoProfile profile) {
        StringBuilder out = new StringBuilder("# What this repository's code imports (found by mlproj next); pin the versions you use,\n"
                + "# e.g. from `pip freeze`.\n");
        for (String line : profile.requirements()) {
            out.append(line).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Decides how the service reaches the model, from what the repository has. */
    static Wiring wiring(Path root, RepoProfile profile) throws IOException {
        String dataFile = dataFile(root, profile);
        String target = profile.target();
        String modelPath = null;
        String loader = null;
        for (RepoProfile.Load load : profile.loads()) {
            if ((load.loader().equals("joblib.load") || load.loader().equals("pickle.load"))
                    && Files.isRegularFile(root.resolve(load.path()), LinkOption.NOFOLLOW_LINKS)) {
                modelPath = load.path();
                loader = load.loader().startsWith("joblib") ? "joblib" : "pickle";
                break;
            }
        }
        if (modelPath == null) {
            for (String a : profile.artefacts()) {
                if (a.endsWith(".joblib")) {
                    modelPath = a;
                    loader = "joblib";
                    break;
                }
                if (a.endsWith(".pkl") || a.endsWith(".pickle") || a.endsWith(".sav")) {
                    modelPath = a;
                    loader = "pickle";
                    break;
                }
            }
        }
        if (dataFile == null) {
            return new Wiring(null, null, null, null, null, null, null,
                    "the repository has no CSV data, so mlproj cannot tell what a request looks like (no service is written)");
        }
        RepoProfile.Function predict = null;
        RepoProfile.Function preprocess = null;
        for (RepoProfile.Function f : profile.functions()) {
            if (f.file().contains("/tests/") || f.module().endsWith(".service")) {
                continue;
            }
            boolean isPredict = f.name().startsWith("predict");
            if (isPredict && predict == null && (f.params().size() == 1
                    || f.params().size() == 2 && f.params().get(0).toLowerCase().contains("model") && modelPath != null)) {
                predict = f;
            }
            if (!isPredict && preprocess == null && f.params().size() == 1) {
                preprocess = f;
            }
        }
        if (predict != null) {
            boolean withModel = predict.params().size() == 2;
            return new Wiring("function", predict, withModel ? modelPath : null, withModel ? loader : null, dataFile, target,
                    "it calls " + predict.module() + "." + predict.name() + "()" + (withModel ? " with the model in " + modelPath : ""), null);
        }
        if (modelPath == null) {
            return new Wiring(null, null, null, null, dataFile, target, null,
                    "no model artefact loaded with joblib or pickle and no predict(frame) function found, so mlproj cannot tell"
                            + " how a request becomes a prediction (no service is written); add a predict(frame) function to your package");
        }
        if (preprocess != null) {
            return new Wiring("preprocess", preprocess, modelPath, loader, dataFile, target,
                    "it turns records into model input with " + preprocess.module() + "." + preprocess.name() + "() and predicts with "
                            + modelPath, null);
        }
        if (isPipeline(root.resolve(modelPath))) {
            return new Wiring("pipeline", null, modelPath, loader, dataFile, target,
                    "it predicts with the scikit-learn Pipeline in " + modelPath + " on raw records", null);
        }
        return new Wiring(null, null, modelPath, loader, dataFile, target, null,
                "the model in " + modelPath + " is not a scikit-learn Pipeline ending in a model, and the package has no predict or preprocess"
                        + " function, so mlproj cannot tell how a request becomes model input (no service is written); add a"
                        + " predict(frame) function to your package");
    }

    /** Modules whose classes predict: a Pipeline ending in one of them is a model, not only preprocessing. */
    private static final List<String> ESTIMATOR_MODULES = List.of("sklearn.linear_model", "sklearn.ensemble", "sklearn.tree",
            "sklearn.svm", "sklearn.neighbors", "sklearn.naive_bayes", "sklearn.neural_network", "sklearn.discriminant_analysis",
            "sklearn.gaussian_process", "sklearn.dummy", "xgboost", "lightgbm", "catboost");

    /**
     * True when the pickle's first class reference is sklearn.pipeline.Pipeline and it holds an estimator that
     * predicts (a Pipeline of only scalers and encoders is preprocessing, not a model). The file is read as
     * bytes, never unpickled: unpickling runs code.
     */
    static boolean isPipeline(Path file) {
        try {
            if (Files.size(file) > SkeletonPlanner.MAX_TEMPLATE_BYTES) {
                return false;
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            int sk = text.indexOf("sklearn.");
            if (sk < 0 || sk > 4096 || !text.startsWith("sklearn.pipeline", sk) || text.indexOf("Pipeline", sk + 16) < 0) {
                return false;
            }
            return ESTIMATOR_MODULES.stream().anyMatch(text::contains);
        } catch (IOException e) {
            return false;
        }
    }

    /** The CSV whose header has the target column, else the first CSV; null without one. */
    static String dataFile(Path root, RepoProfile profile) throws IOException {
        String first = null;
        for (String csv : profile.dataFiles()) {
            if (!csv.endsWith(".csv")) {
                continue;
            }
            if (first == null) {
                first = csv;
            }
            if (profile.target() != null) {
                try (BufferedReader r = Files.newBufferedReader(root.resolve(csv), StandardCharsets.UTF_8)) {
                    String header = r.readLine();
                    if (header != null && List.of(header.split(",")).stream().map(h -> h.strip().replace("\"", ""))
                            .anyMatch(profile.target()::equals)) {
                        return csv;
                    }
                } catch (IOException | RuntimeException e) {
                    // unreadable as text: try the next
                }
            }
        }
        return first;
    }

    private static Map<String, Object> wiringVariables(Path root, Wiring w, Map<String, NextPlanner.Step> steps, RepoProfile profile,
                                                       String packageDir) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("wiringDescription", w.description());
        v.put("viaFunction", w.kind().equals("function"));
        v.put("viaPreprocess", w.kind().equals("preprocess"));
        v.put("viaPipeline", w.kind().equals("pipeline"));
        v.put("functionModule", w.function() == null ? "" : w.function().module());
        v.put("functionName", w.function() == null ? "" : w.function().name());
        v.put("functionTakesModel", w.function() != null && w.function().params().size() == 2);
        boolean loads = w.modelPath() != null && !(w.kind().equals("function") && w.function().params().size() == 1);
        v.put("loadsModel", loads);
        v.put("loaderModule", "joblib".equals(w.loader()) ? "joblib" : "pickle");
        v.put("loaderJoblib", "joblib".equals(w.loader()));
        v.put("loaderPickle", "pickle".equals(w.loader()));
        v.put("modelPath", loads ? w.modelPath() : "");
        v.put("dataFile", w.dataFile());
        v.put("target", w.target() == null ? "" : w.target());
        v.put("targetLabel", w.target() == null ? "the target" : w.target());
        List<String> reqs = new ArrayList<>();
        for (String f : profile.dependencyFiles()) {
            if (f.matches("requirements[^/]*\\.txt") && !f.contains("dev") && !f.contains("test")) {
                reqs.add(f);
            }
        }
        for (String p : steps.keySet()) {
            if (p.matches("requirements[^/]*\\.txt") && !reqs.contains(p) && !p.equals("requirements-stream.txt")) {
                reqs.add(p);
            }
        }
        v.put("requirementFiles", String.join(" ", reqs));
        v.put("pipArgs", String.join(" ", reqs.stream().map(r -> "-r " + r).toList()));
        Set<String> copies = new LinkedHashSet<>();
        String top = packageDir.contains("/") ? packageDir.substring(0, packageDir.indexOf('/')) : packageDir;
        copies.add(top);
        for (RepoProfile.Load l : profile.loads()) {
            if (Files.isRegularFile(root.resolve(l.path()), LinkOption.NOFOLLOW_LINKS) && !l.path().contains("..")) {
                copies.add(l.path());
            }
        }
        if (w.modelPath() != null) {
            copies.add(w.modelPath());
        }
        for (String dir : List.of("configs", "config")) {
            if (Files.isDirectory(root.resolve(dir), LinkOption.NOFOLLOW_LINKS)) {
                copies.add(dir);
            }
        }
        v.put("copyLines", String.join("\n", copies.stream().map(c -> "COPY " + c + " ./" + c).toList()));
        return v;
    }
}

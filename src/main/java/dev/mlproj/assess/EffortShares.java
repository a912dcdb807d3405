package dev.mlproj.assess;

import dev.mlproj.rubric.Rubric;
import dev.mlproj.scan.FactBucket;
import dev.mlproj.scan.FactType;
import dev.mlproj.scan.FileKind;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.RepoFile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the author's effort went (seed 002: "you will spend 50-60% of your time working with data..."),
 * measured by the size of the files each focus area's work lives in: a module whose code is mostly data
 * processing counts for data, a training module or network for models, Dockerfiles, CI, manifests, DAGs
 * and services for architecture, user interfaces for product (a file with an interface is product work
 * alone, whatever serves it). A file that does the work of several other areas is split between them; a file that shows none (a README, a utility) counts for none. Pure.
 */
final class EffortShares {

    /** A file's size counts up to this much: one committed notebook with outputs or a bundle must not decide. */
    static final long FILE_CAP = 32 * 1024;

    private static final Map<FactType, String> AREA_OF_FACT = Map.ofEntries(
            Map.entry(FactType.NN_MODULE, "models"),
            Map.entry(FactType.FEATURE_STORE, "data"),
            Map.entry(FactType.DVC_STAGE, "data"),
            Map.entry(FactType.DVC_TRACKED, "data"),
            Map.entry(FactType.API_ROUTE, "architecture"),
            Map.entry(FactType.DOCKERFILE, "architecture"),
            Map.entry(FactType.COMPOSE_SERVICE, "architecture"),
            Map.entry(FactType.CI_JOB, "architecture"),
            Map.entry(FactType.K8S_WORKLOAD, "architecture"),
            Map.entry(FactType.K8S_SERVICE, "architecture"),
            Map.entry(FactType.AUTOSCALER, "architecture"),
            Map.entry(FactType.HELM_CHART, "architecture"),
            Map.entry(FactType.TERRAFORM_RESOURCE, "architecture"),
            Map.entry(FactType.PROMETHEUS_SCRAPE, "architecture"),
            Map.entry(FactType.ALERT_RULE, "architecture"),
            Map.entry(FactType.GRAFANA_DASHBOARD, "architecture"),
            Map.entry(FactType.ORCHESTRATED_WORKFLOW, "architecture"),
            Map.entry(FactType.LOAD_TEST, "architecture"),
            Map.entry(FactType.WEB_UI, "product"));

    /**
     * What a module's imports say it works on: the library is the tool of one area's work. pandas and NumPy
     * are every area's tools, so they say nothing.
     */
    private static final Map<String, String> AREA_OF_IMPORT = Map.ofEntries(
            Map.entry("great_expectations", "data"), Map.entry("pandera", "data"),
            Map.entry("soda", "data"), Map.entry("sqlalchemy", "data"), Map.entry("duckdb", "data"),
            Map.entry("psycopg2", "data"), Map.entry("feast", "data"), Map.entry("dbt", "data"),
            Map.entry("sklearn", "models"), Map.entry("torch", "models"), Map.entry("tensorflow", "models"),
            Map.entry("keras", "models"), Map.entry("xgboost", "models"), Map.entry("lightgbm", "models"),
            Map.entry("catboost", "models"), Map.entry("jax", "models"), Map.entry("flax", "models"),
            Map.entry("transformers", "models"), Map.entry("optuna", "models"), Map.entry("statsmodels", "models"),
            Map.entry("fastapi", "architecture"), Map.entry("flask", "architecture"), Map.entry("bentoml", "architecture"),
            Map.entry("airflow", "architecture"), Map.entry("prefect", "architecture"), Map.entry("dagster", "architecture"),
            Map.entry("kfp", "architecture"), Map.entry("sagemaker", "architecture"), Map.entry("boto3", "architecture"),
            Map.entry("kubernetes", "architecture"), Map.entry("prometheus_client", "architecture"),
            Map.entry("streamlit", "product"), Map.entry("gradio", "product"), Map.entry("dash", "product"));

    private static final Map<String, String> AREA_OF_ROLE = Map.of(
            "data", "data", "features", "data", "train", "models", "evaluate", "models");

    private EffortShares() {
    }

    /** Each focus area's share of the effort, summing to 1; all 0 when no file shows any area's work. */
    static Map<String, Double> of(RepoFacts facts) {
        Map<String, Set<String>> areasOfPath = new HashMap<>();
        AREA_OF_FACT.forEach((type, area) -> facts.facts().byKey(type).values()
                .forEach(bucket -> mark(areasOfPath, bucket, area)));
        facts.facts().byKey(FactType.MODULE_ROLE).forEach((role, bucket) -> {
            String area = AREA_OF_ROLE.get(role);
            if (area != null) {
                mark(areasOfPath, bucket, area);
            }
        });
        facts.facts().byKey(FactType.IMPORT).forEach((module, bucket) -> {
            String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
            String area = AREA_OF_IMPORT.get(top);
            if (area != null) {
                mark(areasOfPath, bucket, area);
            }
        });
        Map<String, Double> effort = new LinkedHashMap<>();
        Rubric.FOCUS_IDS.forEach(a -> effort.put(a, 0.0));
        for (RepoFile f : facts.files()) {
            if (vendored(f.path())) {
                continue;
            }
            Set<String> areas = areasOfPath.getOrDefault(f.path(), areasOfKind(f));
            if (areas.contains("product")) {
                // a user-facing app is product work, whatever serves it
                areas = Set.of("product");
            }
            if (areas.isEmpty()) {
                continue;
            }
            double size = Math.min(f.size(), FILE_CAP);
            for (String area : areas) {
                effort.merge(area, size / areas.size(), Double::sum);
            }
        }
        double total = effort.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        effort.forEach((area, e) -> shares.put(area, total == 0 ? 0.0 : e / total));
        return shares;
    }

    private static void mark(Map<String, Set<String>> areasOfPath, FactBucket bucket, String area) {
        for (String path : bucket.paths()) {
            areasOfPath.computeIfAbsent(path, p -> new HashSet<>()).add(area);
        }
    }

    /** Files no fact speaks for, judged by kind: interfaces are product, infrastructure is architecture, SQL is data. */
    private static Set<String> areasOfKind(RepoFile f) {
        String name = f.name().toLowerCase(Locale.ROOT);
        if (f.kind() == FileKind.JAVASCRIPT || f.kind() == FileKind.HTML || name.endsWith(".css") || name.endsWith(".vue")
                || name.endsWith(".svelte")) {
            return Set.of("product");
        }
        if (f.kind() == FileKind.TERRAFORM || f.kind() == FileKind.DOCKERFILE) {
            return Set.of("architecture");
        }
        if (name.endsWith(".sql")) {
            return Set.of("data");
        }
        if (f.kind() == FileKind.NOTEBOOK) {
            // a notebook explores data and fits models in the same cells: both areas' work
            return Set.of("data", "models");
        }
        return Set.of();
    }

    /** Third-party code committed with the project is nobody's effort here. */
    private static boolean vendored(String path) {
        return path.contains("node_modules/") || path.contains("/vendor/") || path.startsWith("vendor/")
                || path.endsWith(".min.js") || path.endsWith(".min.css") || path.contains("site-packages/")
                || path.endsWith("package-lock.json");
    }
}

package dev.mlproj.scan;

/**
 * The vocabulary of structural facts the scanner can report. Each is a statement about file content,
 * never about a file's mere existence; rubrics refer to them by name.
 */
public enum FactType {
    /** A Python import whose bound name is used elsewhere in the same file; key: the module. */
    IMPORT("a Python import that the file also uses (key: module)"),
    /** A Python import whose bound name is never used; key: the module. */
    UNUSED_IMPORT("a Python import never used in its file (key: module)"),
    DEPENDENCY("a declared dependency in requirements, pyproject, setup, environment.yml or Pipfile (key: normalised name)"),
    NOTEBOOK("a Jupyter notebook with at least one non-empty code cell (key: path)"),
    NOTEBOOK_EXECUTED("a notebook whose code cells carry outputs (key: path)"),
    PYTHON_MODULE("a non-test Python source file with code (key: file stem)"),
    MODULE_ROLE("a non-test Python module whose code is mostly one pipeline role: data, features, train or evaluate (key: role)"),
    PYTHON_PACKAGE("a directory with __init__.py and at least one other module (key: package dir)"),
    MAIN_ENTRY_POINT("a Python module runnable as a program: __main__ guard or a CLI decorator (key: path)"),
    TEST_FUNCTION("a test function whose body asserts (key: path)"),
    TEST_WITHOUT_ASSERT("a test function that asserts nothing (key: path)"),
    API_ROUTE("an HTTP route served by FastAPI, Flask, Starlette, Django or BentoML (key: framework)"),
    WEB_UI("an interactive user interface: Streamlit, Gradio, Dash, Panel or HTML templates served by the app (key: toolkit)"),
    NN_MODULE("a neural-network class with its own forward/call (key: framework)"),
    ORCHESTRATED_WORKFLOW("a workflow definition: Airflow DAG, Prefect flow, Dagster, Kedro, Metaflow, ZenML, Kubeflow, Argo, Luigi (key: tool)"),
    LOAD_TEST("a load-test script: Locust user with tasks, k6 script, JMeter plan (key: tool)"),
    DOCKERFILE("a Dockerfile with a base image and an entry command (key: path)"),
    DOCKERFILE_INCOMPLETE("a Dockerfile lacking a base image or entry command (key: path)"),
    COMPOSE_SERVICE("a docker-compose service with an image or build (key: service)"),
    CI_JOB("a CI job that runs commands (key: CI system)"),
    DVC_STAGE("a DVC pipeline stage with a command (key: stage)"),
    DVC_TRACKED("a .dvc pointer file with outputs (key: path)"),
    LFS_TRACKED("git LFS tracking rule or pointer file (key: pattern or path)"),
    K8S_WORKLOAD("a Kubernetes workload (Deployment, StatefulSet, Job, ...) with containers (key: kind)"),
    K8S_SERVICE("a Kubernetes Service or Ingress with ports or rules (key: kind)"),
    AUTOSCALER("a HorizontalPodAutoscaler, KEDA ScaledObject or autoscaling group (key: kind)"),
    HELM_CHART("a Helm chart with name and version (key: chart)"),
    PROMETHEUS_SCRAPE("a Prometheus scrape configuration (key: path)"),
    ALERT_RULE("a Prometheus or Grafana alerting rule (key: alert name)"),
    GRAFANA_DASHBOARD("a Grafana dashboard with panels (key: path)"),
    CONFIG_FILE("a YAML, TOML or JSON configuration file with settings (key: path)"),
    FEATURE_STORE("a feature-store definition: Feast feature_store.yaml or FeatureView (key: tool)"),
    README("the top-level README with prose (key: path)"),
    README_SECTION("a README heading about the problem, approach, results, usage or limitations (key: topic)"),
    DIAGRAM("a diagram: Mermaid or PlantUML block, draw.io, or a diagram image (key: kind)"),
    DEVELOPER_DOCS("developer documentation: a docs/ tree with prose, MkDocs or Sphinx (key: kind)"),
    PAPER("a paper or write-up: LaTeX sources, or a paper/ or report/ document (key: kind)"),
    HARDWARE_DESIGN("hardware or kernel code: Verilog, VHDL, CUDA, Triton kernels (key: language)"),
    TERRAFORM_RESOURCE("an infrastructure-as-code cloud resource (key: resource type)"),
    DATASET_FILE("a tabular dataset file in the repository (key: extension)"),
    LARGE_FILE_IN_GIT("a file over the large-file threshold committed to git without LFS/DVC (key: path)"),
    SKIPPED_FILE("a file whose content was not read: too large or binary with a source extension (key: reason)"),
    READ_ERROR("a file that could not be read or parsed (key: file kind)");

    private final String description;

    FactType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

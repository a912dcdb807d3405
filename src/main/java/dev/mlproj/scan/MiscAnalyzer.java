package dev.mlproj.scan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small file formats: CI scripts, load-test scripts, infrastructure, pointers, kernels, JSON dashboards. */
final class MiscAnalyzer {

    private static final Pattern TERRAFORM_RESOURCE = Pattern.compile("^\\s*resource\\s+\"(\\w+)\"\\s+\"[\\w-]+\"\\s*\\{");
    private static final Pattern JENKINS_STEP = Pattern.compile("\\b(sh|bat|powershell)\\s*[('\"]");

    private MiscAnalyzer() {
    }

    static void text(RepoFile file, String text, FactStore store) {
        String name = file.name().toLowerCase(Locale.ROOT);
        String path = file.path();
        if (name.equals("jenkinsfile") && text.contains("stage") && JENKINS_STEP.matcher(text).find()) {
            store.add(FactType.CI_JOB, "jenkins", Evidence.ofFile(path, "Jenkins pipeline with shell steps"));
        }
        if (name.endsWith(".dvc") && text.contains("outs:") && text.contains("path:")) {
            store.add(FactType.DVC_TRACKED, path, Evidence.ofFile(path, "DVC-tracked output"));
        }
        if (name.equals(".gitattributes")) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("filter=lfs")) {
                    store.add(FactType.LFS_TRACKED, lines[i].strip().split("\\s+")[0], new Evidence(path, i + 1, lines[i]));
                }
            }
        }
        if (text.startsWith("version https://git-lfs.github.com/spec/")) {
            store.add(FactType.LFS_TRACKED, path, Evidence.ofFile(path, "git LFS pointer"));
        }
        if (name.endsWith(".jmx") && text.contains("HTTPSamplerProxy")) {
            store.add(FactType.LOAD_TEST, "jmeter", Evidence.ofFile(path, "JMeter plan with HTTP samplers"));
        }
    }

    static void javascript(RepoFile file, String text, FactStore store) {
        if (text.contains("k6/http") && text.contains("export default function")) {
            store.add(FactType.LOAD_TEST, "k6", new Evidence(file.path(), DependencyParser.lineOf(text, text.indexOf("k6/http")), "k6 script"));
        }
        String name = file.name().toLowerCase(Locale.ROOT);
        if ((name.endsWith(".tsx") || name.endsWith(".jsx") || name.endsWith(".vue") || name.endsWith(".svelte"))
                && (text.contains("fetch(") || text.contains("axios")) ) {
            store.add(FactType.WEB_UI, "javascript", Evidence.ofFile(file.path(), "front-end component calling an API"));
        }
    }

    static void html(RepoFile file, String text, FactStore store) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("<form") || (lower.contains("<script") && lower.contains("fetch("))) {
            store.add(FactType.WEB_UI, "html", Evidence.ofFile(file.path(), "HTML page with a form or API calls"));
        }
    }

    static void terraform(RepoFile file, String text, FactStore store) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = TERRAFORM_RESOURCE.matcher(lines[i]);
            if (m.find()) {
                store.add(FactType.TERRAFORM_RESOURCE, m.group(1), new Evidence(file.path(), i + 1, lines[i]));
            }
        }
    }

    static void hardware(RepoFile file, String text, FactStore store) {
        String name = file.name().toLowerCase(Locale.ROOT);
        String language = null;
        if ((name.endsWith(".v") || name.endsWith(".sv")) && text.contains("module ") && text.contains("endmodule")) {
            language = "verilog";
        } else if ((name.endsWith(".vhd") || name.endsWith(".vhdl")) && text.toLowerCase(Locale.ROOT).contains("entity ")) {
            language = "vhdl";
        } else if ((name.endsWith(".cu") || name.endsWith(".cuh")) && text.contains("__global__")) {
            language = "cuda";
        } else if (name.endsWith(".scala") && text.contains("chisel3")) {
            language = "chisel";
        }
        if (language != null) {
            store.add(FactType.HARDWARE_DESIGN, language, Evidence.ofFile(file.path(), language + " source"));
        }
    }

    static void json(RepoFile file, String text, FactStore store) {
        // Only dashboards matter here; a cheap test spares parsing every JSON file.
        if (!text.contains("\"panels\"")) {
            return;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode root = JsonSupport.MAPPER.readTree(text);
            com.fasterxml.jackson.databind.JsonNode dashboard = root.has("dashboard") ? root.get("dashboard") : root;
            com.fasterxml.jackson.databind.JsonNode panels = dashboard.get("panels");
            if (panels != null && panels.isArray() && panels.size() > 0) {
                store.add(FactType.GRAFANA_DASHBOARD, file.path(), Evidence.ofFile(file.path(),
                        panels.size() + " panel(s)" + (dashboard.hasNonNull("title") ? " in \"" + dashboard.get("title").asText() + "\"" : "")));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            store.add(FactType.READ_ERROR, "json", new Evidence(file.path(), e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "invalid JSON: " + e.getOriginalMessage()));
        }
    }

    /** TOML and INI configuration with settings, in a place where configuration lives. */
    static void configFile(RepoFile file, String text, FactStore store) {
        String lower = file.path().toLowerCase(Locale.ROOT);
        String name = file.name().toLowerCase(Locale.ROOT);
        boolean configPlace = lower.startsWith("config") || lower.contains("/config") || lower.startsWith("conf/")
                || name.contains("config") || name.startsWith("params") || name.contains("hparams") || name.contains("settings");
        boolean tooling = name.equals("pyproject.toml") || name.equals("setup.cfg") || name.equals("tox.ini")
                || name.equals(".flake8") || name.equals("pytest.ini") || name.equals("mypy.ini") || name.startsWith(".");
        if (!configPlace || tooling) {
            return;
        }
        long settings = text.lines().filter(l -> l.matches("^\\s*[A-Za-z_][\\w.-]*\\s*[=:].+")).count();
        if (settings >= 2) {
            store.add(FactType.CONFIG_FILE, file.path(), Evidence.ofFile(file.path(), settings + " settings"));
        }
    }
}

package dev.mlproj.scan;

import java.util.Locale;

/** What a file is, decided from its name alone, so that no content is read to classify it. */
public enum FileKind {
    PYTHON, NOTEBOOK, YAML, JSON, TOML, INI, REQUIREMENTS, MARKDOWN, DOCKERFILE, SHELL, JAVASCRIPT,
    HTML, LATEX, HARDWARE, TERRAFORM, TEXT, DATA, BINARY, OTHER;

    /** Kinds whose content the scanner may read. Data and binaries are only sized. */
    public boolean isText() {
        return this != DATA && this != BINARY;
    }

    public static FileKind of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.equals("dockerfile") || name.startsWith("dockerfile.") || name.endsWith(".dockerfile")
                || name.equals("containerfile")) {
            return DOCKERFILE;
        }
        if (name.equals("pipfile") || name.equals("jenkinsfile") || name.equals("makefile")
                || name.equals("procfile") || name.equals("mlproject")) {
            return TEXT;
        }
        if (name.startsWith("requirements") && name.endsWith(".txt") || name.endsWith(".requirements.txt")) {
            return REQUIREMENTS;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "py", "pyi", "pyw" -> PYTHON;
            case "ipynb" -> NOTEBOOK;
            case "yml", "yaml" -> YAML;
            case "json" -> JSON;
            case "toml" -> TOML;
            case "cfg", "ini", "conf", "properties" -> INI;
            case "md", "markdown", "rst", "txt", "adoc", "org" -> MARKDOWN;
            case "sh", "bash", "zsh", "ps1", "bat" -> SHELL;
            case "js", "mjs", "cjs", "ts", "tsx", "jsx", "vue", "svelte" -> JAVASCRIPT;
            case "html", "htm", "jinja", "j2", "css" -> HTML;
            case "tex", "bib" -> LATEX;
            case "v", "sv", "vhd", "vhdl", "cu", "cuh", "scala", "cl" -> HARDWARE;
            case "tf", "hcl" -> TERRAFORM;
            case "mmd", "puml", "plantuml", "drawio", "dot", "gv", "jmx", "r", "jl", "java", "go", "rs",
                 "c", "cc", "cpp", "h", "hpp", "sql", "proto", "xml", "env", "gitignore", "gitattributes",
                 "dvc", "dvcignore", "cff", "" -> TEXT;
            case "csv", "tsv", "parquet", "feather", "arrow", "avro", "orc", "xls", "xlsx", "h5", "hdf5",
                 "npy", "npz", "mat", "jsonl", "ndjson", "db", "sqlite", "sqlite3", "tfrecord", "xml.gz",
                 "lock", "gz", "bz2", "xz", "zst", "zip", "tar", "7z", "rar", "log", "data", "dat" -> DATA;
            default -> BINARY;
        };
    }
}

package dev.mlproj.scan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prose and documentation: the README's story, diagrams, developer docs, papers. */
final class DocumentAnalyzer {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$|^(.+)\\n[=-]{3,}\\s*$");
    private static final String[][] TOPICS = {
            {"problem", "problem|motivation|background|overview|introduction|why|goal|objective|business|context|use case"},
            {"approach", "approach|method|methodology|solution|architecture|design|how it works|model|pipeline|features?|system"},
            {"results", "results?|evaluation|performance|metrics|benchmarks?|findings|accuracy|experiments?"},
            {"usage", "usage|getting started|quick ?start|install|how to run|running|setup|reproduc"},
            {"limitations", "limitations?|bias|fairness|ethic|caveats|known issues|future work|risks?"},
    };
    private static final Pattern[] TOPIC_PATTERNS = new Pattern[TOPICS.length];

    static {
        for (int i = 0; i < TOPICS.length; i++) {
            TOPIC_PATTERNS[i] = Pattern.compile("\\b(" + TOPICS[i][1] + ")", Pattern.CASE_INSENSITIVE);
        }
    }

    private DocumentAnalyzer() {
    }

    static void markdown(RepoFile file, String text, FactStore store) {
        String lowerPath = file.path().toLowerCase(Locale.ROOT);
        String name = file.name().toLowerCase(Locale.ROOT);
        String[] lines = text.split("\n", -1);
        boolean isReadme = name.startsWith("readme") && !lowerPath.contains("/");
        int prose = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("```mermaid") || line.startsWith(":::mermaid") || line.startsWith(".. mermaid")) {
                store.add(FactType.DIAGRAM, "mermaid", new Evidence(file.path(), i + 1, "mermaid diagram"));
            } else if (line.startsWith("@startuml") || line.startsWith("```plantuml")) {
                store.add(FactType.DIAGRAM, "plantuml", new Evidence(file.path(), i + 1, "PlantUML diagram"));
            }
            if (line.length() > 40 && !line.startsWith("#") && !line.startsWith("|") && !line.startsWith("```")) {
                prose++;
            }
            if (isReadme) {
                Matcher h = HEADING.matcher(lines[i]);
                if (h.find() && h.group(2) != null) {
                    for (int t = 0; t < TOPICS.length; t++) {
                        if (TOPIC_PATTERNS[t].matcher(h.group(2)).find()) {
                            store.add(FactType.README_SECTION, TOPICS[t][0], new Evidence(file.path(), i + 1, lines[i]));
                        }
                    }
                }
            }
        }
        if (isReadme && prose >= 3) {
            store.add(FactType.README, file.path(), Evidence.ofFile(file.path(), prose + " lines of prose"));
        }
        boolean inDocs = lowerPath.startsWith("docs/") || lowerPath.startsWith("doc/") || lowerPath.contains("/docs/");
        if (inDocs && prose >= 5) {
            store.add(FactType.DEVELOPER_DOCS, "docs", Evidence.ofFile(file.path(), prose + " lines of prose"));
        }
        boolean paperPlace = lowerPath.startsWith("paper/") || lowerPath.contains("/paper/") || lowerPath.startsWith("papers/")
                || lowerPath.startsWith("report/") || lowerPath.contains("/report/") || name.startsWith("paper")
                || name.startsWith("report") || lowerPath.startsWith("writeup/");
        if (paperPlace && prose >= 5) {
            store.add(FactType.PAPER, "markdown", Evidence.ofFile(file.path(), prose + " lines of prose"));
        }
    }

    static void latex(RepoFile file, String text, FactStore store) {
        int begin = text.indexOf("\\begin{document}");
        if (begin >= 0 && text.indexOf("\\section", begin) > 0) {
            store.add(FactType.PAPER, "latex", new Evidence(file.path(), DependencyParser.lineOf(text, begin), "\\begin{document} with sections"));
        }
    }

    /** Diagram files are recognised by their names; no content is needed. */
    static void diagramFile(RepoFile file, FactStore store) {
        String name = file.name().toLowerCase(Locale.ROOT);
        boolean diagramFormat = name.endsWith(".drawio") || name.endsWith(".puml") || name.endsWith(".plantuml")
                || name.endsWith(".mmd") || name.endsWith(".excalidraw") || name.endsWith(".dot") || name.endsWith(".gv");
        boolean image = name.endsWith(".png") || name.endsWith(".svg") || name.endsWith(".jpg") || name.endsWith(".jpeg");
        boolean diagramName = name.contains("diagram") || name.contains("architecture") || name.contains("workflow")
                || name.contains("pipeline") || name.contains("flow") || name.contains("system") || name.contains("design");
        if ((diagramFormat || (image && diagramName)) && file.size() > 0) {
            store.add(FactType.DIAGRAM, diagramFormat ? "file" : "image", Evidence.ofFile(file.path(), file.name()));
        }
    }
}

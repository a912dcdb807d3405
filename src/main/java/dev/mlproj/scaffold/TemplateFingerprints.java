package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generated files recognised by their content, with or without a scaffold record. The record is the
 * judged repository's own file, and deleting it must not turn untouched scaffolding into the author's
 * work: every template output whose path exists in the repository is rendered with the repository's
 * own names (for every level and focus) and compared by hash. A file edited in any way no longer
 * matches, which is the same rule the record applies.
 */
public final class TemplateFingerprints {

    private TemplateFingerprints() {
    }

    /**
     * Paths of {@code root} whose content is exactly what one of the library's templates renders there,
     * as `new` renders them (a level with a focus overlay) or as `next` does (a level's layout without
     * one, rendered with the repository's dominant focus). Only paths the repository has are rendered.
     */
    public static Set<String> untouched(Path root, TemplateLibrary library, String version) throws IOException, ConfigException {
        RepoLayout layout = RepoLayout.detect(root);
        SkeletonPlanner planner = new SkeletonPlanner(library);
        Map<String, String> present = new HashMap<>(); // output path -> hash of the repository's file, "" for none
        Set<String> same = new TreeSet<>();
        for (int level : library.levels()) {
            for (String focus : TemplateVariables.FOCUS_IDS) {
                TemplateRenderer renderer = new TemplateRenderer(TemplateVariables.of(layout.project(), layout.packageDir(), level,
                        focus, version));
                for (String overlay : new String[] {focus, null}) {
                    for (var e : planner.layout(level, overlay, renderer).entrySet()) {
                        String path = e.getKey();
                        String hash = present.computeIfAbsent(path, p -> hashOf(root, p));
                        if (hash.isEmpty() || same.contains(path)) {
                            continue;
                        }
                        byte[] rendered = planner.render(path, e.getValue(), renderer, List.of()).content();
                        if (ScaffoldRecord.sha256(rendered).equals(hash)) {
                            same.add(path);
                        }
                    }
                }
            }
        }
        return same;
    }

    /** The hash of the repository's file at {@code path}, or "" when there is none to compare (absent, a link, too big). */
    private static String hashOf(Path root, String path) {
        Path file = root.resolve(path);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || ScaffoldRecord.passesThroughLink(root, path)
                    || Files.size(file) > SkeletonPlanner.MAX_TEMPLATE_BYTES) {
                return "";
            }
            return ScaffoldRecord.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            return "";
        }
    }
}

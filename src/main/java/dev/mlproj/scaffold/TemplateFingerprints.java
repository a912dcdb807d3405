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
 * own names (for every level and focus) and compared by content as {@link ScaffoldContent} judges it:
 * a comment, reformatting or a trivial edit does not make a generated file the author's own.
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
        Map<String, byte[]> present = new HashMap<>(); // output path -> the repository's file, empty for none
        Set<String> same = new TreeSet<>();
        for (int level : library.levels()) {
            for (String focus : TemplateVariables.FOCUS_IDS) {
                TemplateRenderer renderer = new TemplateRenderer(TemplateVariables.of(layout.project(), layout.packageDir(), level,
                        focus, version));
                for (String overlay : new String[] {focus, null}) {
                    for (var e : planner.layout(level, overlay, renderer).entrySet()) {
                        String path = e.getKey();
                        byte[] actual = present.computeIfAbsent(path, p -> contentOf(root, p));
                        if (actual == NONE || same.contains(path)) {
                            continue;
                        }
                        byte[] rendered = planner.render(path, e.getValue(), renderer, List.of()).content();
                        if (same(path, rendered, actual)) {
                            same.add(path);
                        }
                    }
                }
            }
        }
        return same;
    }

    private static final byte[] NONE = new byte[0];

    /** Byte-identical (up to line ends), or for text the same scaffold up to formatting and trivial edits. */
    static boolean same(String path, byte[] generated, byte[] actual) {
        if (ScaffoldRecord.sha256(generated).equals(ScaffoldRecord.sha256(actual))) {
            return true;
        }
        if (ScaffoldRecord.isBinary(generated) || ScaffoldRecord.isBinary(actual)) {
            return false;
        }
        return ScaffoldContent.sameScaffold(path, generated, actual);
    }

    /** The repository's file at {@code path}, or NONE when there is none to compare (absent, a link, too big). */
    private static byte[] contentOf(Path root, String path) {
        Path file = root.resolve(path);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || ScaffoldRecord.passesThroughLink(root, path)
                    || Files.size(file) > SkeletonPlanner.MAX_TEMPLATE_BYTES) {
                return NONE;
            }
            return dev.mlproj.io.SafeFiles.read(file, SkeletonPlanner.MAX_TEMPLATE_BYTES, dev.mlproj.io.SafeFiles.Links.REFUSE);
        } catch (IOException e) {
            return NONE;
        }
    }
}

package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays a level's template trees over each other (shared layers, then the level's base, then the focus
 * overlay; a later tree's file replaces an earlier one at the same output path) and renders files.
 */
public final class SkeletonPlanner {

    /** Far above any real template; a bound so that a hostile --templates tree cannot exhaust memory. */
    static final long MAX_TEMPLATE_BYTES = 16L * 1024 * 1024;

    private final TemplateLibrary library;

    public SkeletonPlanner(TemplateLibrary library) {
        this.library = library;
    }

    /** Every file of the skeleton for {@code level}, with {@code focus}'s overlay (null for none). */
    public List<PlannedFile> skeleton(int level, String focus, Map<String, Object> variables) throws ConfigException {
        TemplateRenderer renderer = new TemplateRenderer(variables);
        Map<String, TemplateLibrary.TemplateFile> layout = layout(level, focus, renderer);
        List<PlannedFile> planned = new ArrayList<>();
        for (var e : layout.entrySet()) {
            planned.add(render(e.getKey(), e.getValue(), renderer, List.of()));
        }
        return planned;
    }

    /** Output path to the template file that produces it, in output-path order of first appearance. */
    Map<String, TemplateLibrary.TemplateFile> layout(int level, String focus, TemplateRenderer renderer) throws ConfigException {
        TemplateManifest manifest = library.manifest(level);
        List<String> trees = new ArrayList<>(manifest.layers());
        trees.add("level" + level + "/base");
        if (focus != null) {
            trees.add("level" + level + "/focus/" + focus);
        }
        Map<String, TemplateLibrary.TemplateFile> layout = new LinkedHashMap<>();
        for (String tree : trees) {
            for (TemplateLibrary.TemplateFile file : library.files(tree)) {
                layout.put(outputPath(file, renderer), file);
            }
        }
        return layout;
    }

    PlannedFile render(String path, TemplateLibrary.TemplateFile file, TemplateRenderer renderer, Collection<String> criteria)
            throws ConfigException {
        byte[] bytes = library.read(file, MAX_TEMPLATE_BYTES);
        if (file.relative().endsWith(TemplatePaths.MUSTACHE_SUFFIX)) {
            String text = decode("templates/" + file.source(), bytes);
            bytes = renderer.render("templates/" + file.source(), text).getBytes(StandardCharsets.UTF_8);
        }
        return new PlannedFile(path, bytes, file.source(), List.copyOf(criteria));
    }

    /** Renders the variables in a template's path and drops the .mustache suffix; the result must stay inside the project. */
    static String outputPath(TemplateLibrary.TemplateFile file, TemplateRenderer renderer) throws ConfigException {
        String path = renderer.render("templates/" + file.source() + " (its path)", file.relative());
        if (path.endsWith(TemplatePaths.MUSTACHE_SUFFIX)) {
            path = path.substring(0, path.length() - TemplatePaths.MUSTACHE_SUFFIX.length());
        }
        if (!TemplatePaths.isSafeRelative(path)) {
            throw new ConfigException("templates/" + file.source() + ": renders to '" + path + "', which is not a path inside the project");
        }
        return path;
    }

    private static String decode(String source, byte[] bytes) throws ConfigException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source + ": a .mustache template must be UTF-8 text");
        }
    }
}

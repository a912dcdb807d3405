package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;

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
 * Chooses what {@code mlproj next} writes: for each criterion the next level is missing, the files a
 * level template declares under {@code provides}, rendered with the repository's own names. A file
 * that already exists is a conflict and is left alone.
 */
public final class NextPlanner {

    /** @param conflict true when the path exists already (or passes through a link): it will not be written */
    public record Step(PlannedFile file, boolean conflict) { }

    /** @param uncovered missing criteria no template provides; the user has to do these by hand */
    public record NextPlan(int targetLevel, List<Step> steps, List<String> uncovered) {

        public List<PlannedFile> toWrite() {
            return steps.stream().filter(s -> !s.conflict()).map(Step::file).toList();
        }
    }

    private final TemplateLibrary library;
    private final SkeletonPlanner skeletons;

    public NextPlanner(TemplateLibrary library) {
        this.library = library;
        this.skeletons = new SkeletonPlanner(library);
    }

    /**
     * @param missing the criteria to provide, most valuable first
     * @param focus   the focus whose overlay may provide files too, or null
     */
    public NextPlan plan(Path root, int targetLevel, String focus, List<String> missing, Map<String, Object> variables)
            throws ConfigException {
        TemplateRenderer renderer = new TemplateRenderer(variables);
        Set<String> remaining = new LinkedHashSet<>(missing);
        Map<String, Set<String>> criteriaByPath = new LinkedHashMap<>();
        Map<String, TemplateLibrary.TemplateFile> sourceByPath = new LinkedHashMap<>();
        for (int level = targetLevel; level >= 1; level--) {
            if (!library.hasLevel(level)) {
                continue;
            }
            TemplateManifest manifest = library.manifest(level);
            Map<String, TemplateLibrary.TemplateFile> layout = skeletons.layout(level, focus, renderer);
            Set<String> coveredHere = new LinkedHashSet<>();
            for (TemplateManifest.Provision provision : manifest.provides()) {
                if (!remaining.contains(provision.criterion())) {
                    continue; // not missing, or already provided by a higher level's template
                }
                for (String template : provision.files()) {
                    String path = renderer.render("templates/level" + level + "/manifest.yaml (provides " + provision.criterion() + ")", template);
                    TemplateLibrary.TemplateFile file = layout.get(path);
                    if (file == null) {
                        throw new ConfigException("templates/level" + level + "/manifest.yaml: " + provision.criterion()
                                + " lists '" + template + "', which no template of level " + level + " renders");
                    }
                    sourceByPath.putIfAbsent(path, file);
                    criteriaByPath.computeIfAbsent(path, k -> new LinkedHashSet<>()).add(provision.criterion());
                }
                coveredHere.add(provision.criterion());
            }
            remaining.removeAll(coveredHere);
        }
        List<Step> steps = new ArrayList<>();
        for (var e : criteriaByPath.entrySet()) {
            PlannedFile file = skeletons.render(e.getKey(), sourceByPath.get(e.getKey()), renderer, e.getValue());
            steps.add(new Step(file, occupied(root, e.getKey())));
        }
        return new NextPlan(targetLevel, steps, List.copyOf(remaining));
    }

    /** True when writing {@code relative} would replace a file, pass through a link, or need a directory where a file is. */
    private static boolean occupied(Path root, String relative) {
        Path current = root;
        String[] segments = relative.split("/");
        for (int i = 0; i < segments.length; i++) {
            current = current.resolve(segments[i]);
            if (Files.isSymbolicLink(current)) {
                return true;
            }
            if (i < segments.length - 1 && Files.exists(current, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return Files.exists(current, LinkOption.NOFOLLOW_LINKS);
    }
}

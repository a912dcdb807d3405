package dev.mlproj.assess;

import java.util.List;

/**
 * The repository's own configuration as an assessment saw it: what it declared, what it waived, and the
 * level it would have without any of it, which is what a gate judges (a repository cannot lower its gate).
 *
 * @param file               the configuration file, or null when the repository has none
 * @param declaredFocus      the focus it declares, or null
 * @param waivers            the waived criteria with their reasons, in the order written
 * @param rubrics            extra rubric files it adds, relative to the repository
 * @param warnings           waivers that changed nothing (the criterion is met or does not apply)
 * @param levelWithoutConfig the level under the command line's rubric with no waivers
 */
public record ConfigStatus(String file, String declaredFocus, List<Waived> waivers, List<String> rubrics,
                           List<String> warnings, int levelWithoutConfig) {

    /** One waiver: the criterion, the reason given, and the line it was written on. */
    public record Waived(String criterion, String reason, int line) { }

    public static final ConfigStatus NONE = new ConfigStatus(null, null, List.of(), List.of(), List.of(), -1);

    public ConfigStatus {
        waivers = List.copyOf(waivers);
        rubrics = List.copyOf(rubrics);
        warnings = List.copyOf(warnings);
    }

    public boolean present() {
        return file != null;
    }
}

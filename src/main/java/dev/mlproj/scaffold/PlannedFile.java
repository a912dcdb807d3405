package dev.mlproj.scaffold;

import java.util.List;

/**
 * One file a scaffold will write.
 *
 * @param path     output path relative to the project root, '/'-separated
 * @param source   the template it was rendered from, e.g. {@code level3/base/Dockerfile}
 * @param criteria the criteria it helps satisfy (empty for plain skeleton files)
 */
public record PlannedFile(String path, byte[] content, String source, List<String> criteria) {

    public PlannedFile {
        criteria = List.copyOf(criteria);
    }
}

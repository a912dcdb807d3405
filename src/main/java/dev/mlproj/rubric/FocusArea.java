package dev.mlproj.rubric;

import java.util.List;

/**
 * A focus area and the seed's split of effort for someone who chose it.
 *
 * @param split for each group of areas ("data", "models", "architecture+product"), the expected share range in percent
 */
public record FocusArea(String id, String title, String source, List<SplitRange> split) {

    /** Expected share in percent for a group of focus areas. */
    public record SplitRange(List<String> areas, int min, int max) {
        public String label() {
            return String.join("+", areas);
        }
    }
}

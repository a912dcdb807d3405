package dev.mlproj.assess;

import java.util.List;
import java.util.Map;

/**
 * Where the project's strength lies among the four focus areas.
 *
 * @param dominant   the declared focus if any, otherwise the area with the largest share (null if none)
 * @param declared   whether {@code dominant} was declared rather than measured
 * @param shares     each area's share, summing to 1 (all 0 when nothing is met)
 * @param comparison the dominant area's seed split next to the measured shares
 */
public record FocusReport(String dominant, boolean declared, Map<String, Double> shares, List<SplitComparison> comparison) {

    /** One group of areas: the seed's expected range in percent and the measured percentage. */
    public record SplitComparison(String areas, int expectedMin, int expectedMax, int actual) {
        public String status() {
            return actual < expectedMin ? "below" : actual > expectedMax ? "above" : "within";
        }
    }
}

package dev.mlproj.assess;

import java.util.Set;

/**
 * What an earlier report said: its level and the criteria it found met. A pull request is judged against
 * it (the ratchet): it fails only when the level drops or a criterion met then is not met now.
 *
 * @param source where the earlier report came from, for messages
 */
public record Baseline(String source, int level, Set<String> met) {

    public Baseline {
        met = Set.copyOf(met);
    }
}

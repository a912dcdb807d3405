package dev.mlproj.rubric;

import java.util.List;

/**
 * A level: its name, the weighted fraction of its criteria it takes to pass, the roles it prepares for,
 * and the practice that defines it ({@code null} when its criteria alone decide, as at level 1).
 */
public record LevelDefinition(int level, String name, String summary, double threshold, List<String> roles,
                              DefiningPractice defining) {

    public LevelDefinition withDefining(DefiningPractice practice) {
        return new LevelDefinition(level, name, summary, threshold, roles, practice);
    }
}

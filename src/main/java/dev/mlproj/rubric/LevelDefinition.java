package dev.mlproj.rubric;

import java.util.List;

/** A level: its name, the weighted fraction of its criteria it takes to pass, and the roles it prepares for. */
public record LevelDefinition(int level, String name, String summary, double threshold, List<String> roles) {
}

package dev.mlproj.rubric;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A complete rubric: levels, focus areas, the level rule, level criteria and walkthrough criteria. */
public record Rubric(String id, String title, List<LevelDefinition> levels, List<FocusArea> focusAreas,
                     LevelRule rule, List<Criterion> criteria, List<String> sources) {

    public static final List<String> FOCUS_IDS = List.of("data", "models", "architecture", "product");

    public Optional<Criterion> criterion(String id) {
        return criteria.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Map<String, Criterion> byId() {
        return criteria.stream().collect(Collectors.toMap(Criterion::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    public LevelDefinition level(int level) {
        return levels.stream().filter(l -> l.level() == level).findFirst().orElseThrow();
    }

    public int maxLevel() {
        return levels.stream().mapToInt(LevelDefinition::level).max().orElse(0);
    }

    public Optional<FocusArea> focusArea(String id) {
        return focusAreas.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}

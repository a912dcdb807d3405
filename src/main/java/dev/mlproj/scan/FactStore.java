package dev.mlproj.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Facts gathered by the scan, grouped by type and key. Mutable while a scan runs (one store per worker,
 * merged at the end); read-only afterwards through {@link RepoFacts}.
 */
public final class FactStore {

    private final Map<FactType, Map<String, FactBucket>> facts = new EnumMap<>(FactType.class);
    private final Map<String, FactBucket> patternMatches = new TreeMap<>();

    public void add(FactType type, String key, Evidence evidence) {
        facts.computeIfAbsent(type, t -> new TreeMap<>())
                .computeIfAbsent(key, k -> new FactBucket())
                .add(evidence);
    }

    public void addPatternMatch(String queryId, Evidence evidence) {
        patternMatches.computeIfAbsent(queryId, k -> new FactBucket()).add(evidence);
    }

    public void merge(FactStore other) {
        other.facts.forEach((type, byKey) -> byKey.forEach((key, bucket) ->
                facts.computeIfAbsent(type, t -> new TreeMap<>())
                        .computeIfAbsent(key, k -> new FactBucket())
                        .addAll(bucket)));
        other.patternMatches.forEach((id, bucket) ->
                patternMatches.computeIfAbsent(id, k -> new FactBucket()).addAll(bucket));
    }

    /** A rough count of the bytes this store holds, for caches that must stay bounded. */
    long estimatedBytes() {
        long total = 64;
        for (Map<String, FactBucket> byKey : facts.values()) {
            for (var e : byKey.entrySet()) {
                total += 48 + 2L * e.getKey().length() + e.getValue().estimatedBytes();
            }
        }
        for (var e : patternMatches.entrySet()) {
            total += 48 + 2L * e.getKey().length() + e.getValue().estimatedBytes();
        }
        return total;
    }

    /** Keys seen for a fact type, in sorted order, each with its bucket. */
    public Map<String, FactBucket> byKey(FactType type) {
        return facts.getOrDefault(type, Map.of());
    }

    public FactBucket pattern(String queryId) {
        return patternMatches.get(queryId);
    }

    public int count(FactType type) {
        return byKey(type).values().stream().mapToInt(FactBucket::count).sum();
    }

    /** Evidence for a fact type, optionally restricted to keys; samples in key order, then path order. */
    public List<Evidence> evidence(FactType type, java.util.function.Predicate<String> keyFilter) {
        List<Evidence> out = new ArrayList<>();
        byKey(type).forEach((key, bucket) -> {
            if (keyFilter.test(key)) {
                out.addAll(bucket.samples());
            }
        });
        out.sort(Comparator.comparing(Evidence::path).thenComparingInt(Evidence::line));
        return out;
    }
}

package dev.mlproj.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * All sightings of one fact (or pattern) under one key: how many, and the first few as evidence.
 * Keeping a bounded sample is what keeps a 100,000-file scan small in memory.
 */
public final class FactBucket {

    static final int SAMPLE_LIMIT = 5;

    private static final int PATH_LIMIT = 64;

    private int count;
    private final List<Evidence> samples = new ArrayList<>(2);
    private final java.util.Set<String> paths = new java.util.HashSet<>(2);

    void add(Evidence evidence) {
        count++;
        if (paths.size() < PATH_LIMIT) {
            paths.add(evidence.path());
        }
        if (samples.size() < SAMPLE_LIMIT) {
            samples.add(evidence);
        }
    }

    void addAll(FactBucket other) {
        count += other.count;
        for (String p : other.paths) {
            if (paths.size() >= PATH_LIMIT) {
                break;
            }
            paths.add(p);
        }
        for (Evidence e : other.samples) {
            if (samples.size() >= SAMPLE_LIMIT) {
                break;
            }
            samples.add(e);
        }
    }

    /** Roughly: the bucket, its sets and lists, and every sample's detail (paths are shared with the file). */
    long estimatedBytes() {
        long total = 120 + 32L * paths.size();
        for (Evidence e : samples) {
            total += 56 + 2L * e.detail().length();
        }
        return total;
    }

    public int count() {
        return count;
    }

    /** Distinct files seen, counted up to 64. */
    public int files() {
        return paths.size();
    }

    /** The distinct files seen, up to 64. */
    public java.util.Set<String> paths() {
        return Collections.unmodifiableSet(paths);
    }

    public List<Evidence> samples() {
        return Collections.unmodifiableList(samples);
    }
}

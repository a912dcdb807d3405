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

    private int count;
    private final List<Evidence> samples = new ArrayList<>(2);

    void add(Evidence evidence) {
        count++;
        if (samples.size() < SAMPLE_LIMIT) {
            samples.add(evidence);
        }
    }

    void addAll(FactBucket other) {
        count += other.count;
        for (Evidence e : other.samples) {
            if (samples.size() >= SAMPLE_LIMIT) {
                break;
            }
            samples.add(e);
        }
    }

    public int count() {
        return count;
    }

    public List<Evidence> samples() {
        return Collections.unmodifiableList(samples);
    }
}

package dev.mlproj.assess;

import dev.mlproj.scan.Evidence;

import java.util.List;

/**
 * What a detector found: whether it is met, the evidence that met it, and evidence that came close
 * but did not count (an empty Dockerfile, a test that never asserts), which helps the author fix it.
 */
record Verdict(boolean met, List<Evidence> evidence, List<Evidence> notCounted) {

    static Verdict of(boolean met, List<Evidence> evidence) {
        return new Verdict(met, List.copyOf(evidence), List.of());
    }
}

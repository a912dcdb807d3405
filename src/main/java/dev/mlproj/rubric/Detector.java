package dev.mlproj.rubric;

import dev.mlproj.config.YamlNode;

import com.google.re2j.Pattern;
import dev.mlproj.scan.FactType;

import java.util.List;

/** How a criterion is recognised in a repository's facts. Pure data; the assess layer evaluates it. */
public sealed interface Detector {

    /** The detectors a composite combines; none for a leaf. */
    default List<Detector> children() {
        return List.of();
    }

    /** The ids of the criteria this detector refers to, itself or through its children, in order. */
    default List<String> referencedCriteria() {
        List<String> out = new java.util.ArrayList<>();
        if (this instanceof CriterionRef r) {
            out.add(r.id());
        }
        children().forEach(c -> out.addAll(c.referencedCriteria()));
        return out;
    }

    /** At least {@code min} sightings (or {@code minKeys} distinct keys) of a structural fact, optionally of given keys. */
    record Fact(FactType type, List<String> keys, int min, int minKeys) implements Detector { }

    /** At least {@code min} of the listed modules imported and used in code. */
    record Imports(List<String> modules, int min) implements Detector { }

    /** At least {@code min} of the listed packages declared as dependencies. */
    record Dependencies(List<String> names, int min) implements Detector { }

    /**
     * A pattern in Python code (comments and docstrings excluded), optionally only in files using one of
     * {@code withImports}; {@code min} matching lines and {@code minFiles} distinct files.
     */
    record Python(String queryId, Pattern pattern, List<String> paths, List<String> withImports, boolean inTests,
                  int min, int minFiles) implements Detector { }

    /** A pattern in text files matching {@code paths}. */
    record Text(String queryId, Pattern pattern, List<String> paths, int min, int minFiles) implements Detector { }

    /** At least {@code min} non-empty files of the author's matching one of the globs. */
    record Files(List<String> globs, int min, long minBytes) implements Detector { }

    /** Git history thresholds; all given ones must hold. */
    record Git(int commits, int activeWeeks, int authors, int tags) implements Detector { }

    /** Met when another criterion is met. */
    record CriterionRef(String id, YamlNode.Location at) implements Detector { }

    record AnyOf(List<Detector> detectors) implements Detector {
        @Override
        public List<Detector> children() {
            return detectors;
        }
    }

    record AllOf(List<Detector> detectors) implements Detector {
        @Override
        public List<Detector> children() {
            return detectors;
        }
    }

    /** At least {@code n} of the detectors. */
    record AtLeast(int n, List<Detector> detectors) implements Detector {
        @Override
        public List<Detector> children() {
            return detectors;
        }
    }
}

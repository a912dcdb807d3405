package dev.mlproj.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structure-aware fuzz inputs: random trees of mappings, lists and scalars whose keys come from the
 * format's own vocabulary, written out as JSON or YAML. They are well-formed, so they reach the schema
 * checks that random text stops short of.
 */
public final class Trees {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Trees() {
    }

    /** A tree at most {@code depth} deep: mappings keyed from {@code keys}, string leaves from {@code strings}. */
    public static Arbitrary<Object> of(List<String> keys, List<String> strings, int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.of(strings).map(s -> (Object) s),
                Arbitraries.integers().between(-2, 100_001).map(i -> (Object) i),
                Arbitraries.of(0.5, 1.5, -0.0, 1e300).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth <= 0) {
            return leaf;
        }
        Arbitrary<Object> child = Arbitraries.lazy(() -> of(keys, strings, depth - 1));
        Arbitrary<Object> list = child.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.of(keys), child).ofMaxSize(6)
                .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaf),
                net.jqwik.api.Tuple.of(2, list),
                net.jqwik.api.Tuple.of(3, map));
    }

    /** A mapping at the top, as both formats' documents here are. */
    public static Arbitrary<Map<String, Object>> document(List<String> keys, List<String> strings, int depth) {
        return Arbitraries.maps(Arbitraries.of(keys), of(keys, strings, depth - 1)).ofMaxSize(8).map(LinkedHashMap::new);
    }

    public static String json(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String yaml(Object tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

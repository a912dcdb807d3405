package dev.mlproj.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/**
 * Fuzz inputs made the way a mutation fuzzer makes them: a valid seed document with a few edits (insert a
 * token the format cares about, delete, replace or duplicate a stretch, truncate, swap two lines). Edits
 * carry their position as a fraction of the text, so jqwik shrinks a failure to few, early, small edits.
 */
public final class Mutations {

    private Mutations() {
    }

    /** One edit: what to do, where (0..1 of the text's length), how far, and the token it may insert. */
    record Edit(int kind, double at, int length, String token) { }

    /** Seeds edited one to {@code maxEdits} times. */
    public static Arbitrary<String> of(List<String> seeds, List<String> tokens, int maxEdits) {
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 40),
                Arbitraries.of(tokens)).as(Edit::new);
        return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMinSize(1).ofMaxSize(maxEdits))
                .as(Mutations::apply);
    }

    /** Texts made of the format's tokens and a few random characters, for inputs no seed is near. */
    public static Arbitrary<String> tokenSoup(List<String> tokens, int maxTokens) {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(tokens)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(3)));
        return piece.list().ofMaxSize(maxTokens).map(parts -> String.join("", parts));
    }

    static String apply(String seed, List<Edit> edits) {
        String text = seed;
        for (Edit e : edits) {
            int at = (int) Math.min(text.length(), Math.floor(e.at() * (text.length() + 1)));
            int end = Math.min(text.length(), at + e.length());
            text = switch (e.kind()) {
                case 0 -> text.substring(0, at) + e.token() + text.substring(at);
                case 1 -> text.substring(0, at) + text.substring(end);
                case 2 -> text.substring(0, at) + e.token() + text.substring(end);
                case 3 -> text.substring(0, end) + text.substring(at, end) + text.substring(end);
                case 4 -> text.substring(0, at);
                default -> swapLines(text, at, e.length());
            };
        }
        return text;
    }

    private static String swapLines(String text, int at, int distance) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 2) {
            return text;
        }
        int a = (int) ((long) at * (lines.length - 1) / Math.max(1, text.length()));
        int b = (a + distance) % lines.length;
        String tmp = lines[a];
        lines[a] = lines[b];
        lines[b] = tmp;
        return String.join("\n", lines);
    }
}

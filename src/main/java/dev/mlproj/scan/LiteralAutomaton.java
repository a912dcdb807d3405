package dev.mlproj.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * An Aho-Corasick automaton over the lower-cased literals of every rubric pattern. One pass over a file
 * finds, for each pattern, the lines that contain one of its literals, however many patterns there are;
 * searching literal by literal cost a pass per literal. Lines hold candidates only: the pattern itself
 * decides, so case-insensitive matching of the literals can only add candidates, never lose a match.
 */
final class LiteralAutomaton {

    private static final int ALPHABET = 128;
    private static final int SHIFT = 7; // log2(ALPHABET): a node's row starts at node << SHIFT

    /**
     * The transitions, one row of {@link #ALPHABET} entries per node, upper-case letters folded into lower
     * case. An entry is the next node, or its bitwise complement when a literal ends there, so the scan
     * loop needs one array read and one well-predicted branch per character.
     */
    private final int[] table;
    private final int[][] outputs; // node -> ids of the patterns whose literal ends here
    private final boolean[] unfiltered; // patterns without a prefilter: every line is a candidate
    private final int patterns;

    /**
     * The candidates of a wanted pattern no line of the text holds a literal of: one shared set, never
     * written, instead of a set per pattern per file (most patterns have no candidate in most files).
     * Callers only read the sets a pass returns.
     */
    private static final BitSet NONE = new BitSet(0);

    /**
     * Sized for this many characters per line on the first candidate: a set grown by doubling from one word
     * copied itself several times per file when the first candidate was far down.
     */
    private static final int CHARS_PER_LINE = 32;

    /** Per thread: the last (call, line) each node emitted on, so that one call never clears an array. */
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final long[] seen;
        int calls;

        Scratch(int nodes) {
            seen = new long[nodes];
            java.util.Arrays.fill(seen, -1L);
        }
    }

    private LiteralAutomaton(int[] table, int[][] outputs, boolean[] unfiltered) {
        this.table = table;
        this.outputs = outputs;
        this.unfiltered = unfiltered;
        this.patterns = unfiltered.length;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(outputs.length));
    }

    /** @param prefilters one per pattern, in pattern order; null for a pattern that has none */
    static LiteralAutomaton build(List<LiteralPrefilter> prefilters) {
        List<int[]> trie = new ArrayList<>();
        List<BitSet> ends = new ArrayList<>();
        trie.add(newNode());
        ends.add(new BitSet());
        boolean[] unfiltered = new boolean[prefilters.size()];
        for (int p = 0; p < prefilters.size(); p++) {
            LiteralPrefilter prefilter = prefilters.get(p);
            if (prefilter == null || prefilter.literals().stream().anyMatch(LiteralAutomaton::hasNonAscii)) {
                unfiltered[p] = true;
                continue;
            }
            for (String literal : prefilter.literals()) {
                int node = 0;
                for (char c : literal.toLowerCase(Locale.ROOT).toCharArray()) {
                    if (trie.get(node)[c] < 0) {
                        trie.get(node)[c] = trie.size();
                        trie.add(newNode());
                        ends.add(new BitSet());
                    }
                    node = trie.get(node)[c];
                }
                ends.get(node).set(p);
            }
        }
        // Breadth-first: resolve failure links into a complete transition table.
        int[][] next = trie.toArray(new int[0][]);
        int[] fail = new int[next.length];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            if (next[0][c] < 0) {
                next[0][c] = 0;
            } else {
                fail[next[0][c]] = 0;
                queue.add(next[0][c]);
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            ends.get(node).or(ends.get(fail[node]));
            for (int c = 0; c < ALPHABET; c++) {
                int child = next[node][c];
                if (child < 0) {
                    next[node][c] = next[fail[node]][c];
                } else {
                    fail[child] = next[fail[node]][c];
                    queue.add(child);
                }
            }
        }
        int[][] outputs = new int[next.length][];
        for (int i = 0; i < next.length; i++) {
            outputs[i] = ends.get(i).stream().toArray();
        }
        int[] table = new int[next.length * ALPHABET];
        for (int node = 0; node < next.length; node++) {
            for (int c = 0; c < ALPHABET; c++) {
                int lower = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
                int target = next[node][lower];
                table[node * ALPHABET + c] = outputs[target].length > 0 ? ~target : target;
            }
        }
        return new LiteralAutomaton(table, outputs, unfiltered);
    }

    private static int[] newNode() {
        int[] node = new int[ALPHABET];
        Arrays.fill(node, -1);
        return node;
    }

    private static boolean hasNonAscii(String s) {
        return s.chars().anyMatch(c -> c >= ALPHABET);
    }

    /**
     * Candidate lines per pattern for one text.
     *
     * @param wanted the patterns worth reporting for this file (scope, paths and imports already checked)
     * @return for each wanted pattern the 0-based lines that may match; null entries for unwanted ones
     */
    BitSet[] candidates(String text, boolean[] wanted) {
        BitSet[] lines = new BitSet[patterns];
        boolean any = false;
        for (int p = 0; p < patterns; p++) {
            if (wanted[p]) {
                lines[p] = NONE;
                any = true;
            }
        }
        if (!any) {
            return lines;
        }
        int[] table = this.table;
        Scratch scratch = this.scratch.get();
        long[] seen = scratch.seen;
        long serial = (long) ++scratch.calls << 32; // stamps of earlier calls never equal this call's
        int state = 0;
        int line = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                state = 0; // patterns are matched per line: no literal spans a line break
                continue;
            }
            if (c >= ALPHABET) {
                state = 0;
                continue;
            }
            int entry = table[(state << SHIFT) | c];
            if (entry >= 0) {
                state = entry;
                continue;
            }
            state = ~entry;
            // A literal seen again on the same line ("val" in "x_val = val(...)") adds nothing: skip its outputs.
            long stamp = serial | line;
            if (seen[state] == stamp) {
                continue;
            }
            seen[state] = stamp;
            for (int p : outputs[state]) {
                BitSet set = lines[p];
                if (set == NONE) {
                    set = lines[p] = new BitSet(Math.max(line + 1, n / CHARS_PER_LINE));
                }
                if (set != null) {
                    set.set(line);
                }
            }
        }
        for (int p = 0; p < patterns; p++) {
            if (lines[p] != null && unfiltered[p]) {
                if (lines[p] == NONE) {
                    lines[p] = new BitSet(line + 1);
                }
                lines[p].set(0, line + 1);
            }
        }
        return lines;
    }
}

package dev.mlproj.scan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Regular expressions searched line by line together: each split into its top-level branches
 * ({@link PatternBranches}), one Aho-Corasick pass over a text for every branch's literals, then each
 * candidate line tried only with the branches whose literals it holds.
 */
final class PatternSet {

    /** One top-level alternative of a pattern, with its own literals (null: none, every line is a candidate). */
    record Branch(LineMatcher matcher, LiteralPrefilter prefilter) { }

    private final List<List<Branch>> branches;
    /** Pattern index -> index of its first branch in the automaton; a pattern's branches are consecutive. */
    private final int[] first;
    private final int branchCount;
    private final LiteralAutomaton automaton;

    PatternSet(List<com.google.re2j.Pattern> patterns) {
        this.branches = patterns.stream().map(PatternSet::branches).toList();
        this.first = new int[branches.size()];
        List<LiteralPrefilter> prefilters = new ArrayList<>();
        for (int p = 0; p < branches.size(); p++) {
            first[p] = prefilters.size();
            branches.get(p).forEach(b -> prefilters.add(b.prefilter()));
        }
        this.branchCount = prefilters.size();
        this.automaton = LiteralAutomaton.build(prefilters);
    }

    private static List<Branch> branches(com.google.re2j.Pattern pattern) {
        List<String> parts = PatternBranches.split(pattern.pattern());
        if (parts.size() == 1) {
            return List.of(new Branch(new LineMatcher(pattern), LiteralPrefilter.of(pattern.pattern())));
        }
        List<Branch> out = new ArrayList<>();
        for (String part : parts) {
            out.add(new Branch(new LineMatcher(com.google.re2j.Pattern.compile(part, pattern.flags())), LiteralPrefilter.of(part)));
        }
        return List.copyOf(out);
    }

    int size() {
        return branches.size();
    }

    /** The literal pass over {@code text}: per branch of each wanted pattern, the lines that may match. */
    Candidates candidates(String text, boolean[] wantedPatterns) {
        boolean[] wanted = new boolean[branchCount];
        for (int p = 0; p < wantedPatterns.length; p++) {
            if (wantedPatterns[p]) {
                java.util.Arrays.fill(wanted, first[p], first[p] + branches.get(p).size(), true);
            }
        }
        return new Candidates(automaton.candidates(text, wanted));
    }

    /** The result of one literal pass: which lines each pattern may match, and with which branches. */
    final class Candidates {
        private final BitSet[] byBranch;

        private Candidates(BitSet[] byBranch) {
            this.byBranch = byBranch;
        }

        /** The lines (0-based) where pattern {@code p} may match; empty when it was not wanted. */
        BitSet lines(int p) {
            int branchesOfP = branches.get(p).size();
            BitSet lines = byBranch[first[p]];
            if (lines == null) {
                return new BitSet();
            }
            if (branchesOfP > 1) {
                lines = (BitSet) lines.clone();
                for (int b = 1; b < branchesOfP; b++) {
                    lines.or(byBranch[first[p] + b]);
                }
            }
            return lines;
        }

        /** Whether line {@code i} matches pattern {@code p}: one of the branches whose literals it holds finds a match. */
        boolean matches(int p, int i, String line) {
            List<Branch> of = branches.get(p);
            for (int b = 0; b < of.size(); b++) {
                BitSet lines = byBranch[first[p] + b];
                if (lines != null && lines.get(i) && of.get(b).matcher().find(line)) {
                    return true;
                }
            }
            return false;
        }
    }
}

package dev.mlproj.batch;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard K of N: the rows whose 0-based index i has i mod N == K-1. The split depends only on the
 * input order, so N machines given the same CSV divide it between them without talking to each other.
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(1, 1);
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": K must be between 1 and N");
        }
    }

    /** Parses "K/N"; the message of the exception says what is wrong. */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not K/N (e.g. 2/8: the second of eight shards)");
        }
        int k = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1) {
            throw new IllegalArgumentException("'" + text + "': N must be at least 1");
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("'" + text + "': K must be between 1 and " + n);
        }
        return new Shard(k, n);
    }

    public boolean includes(BatchEntry entry) {
        return entry.index() % count == index - 1;
    }

    public List<BatchEntry> select(List<BatchEntry> entries) {
        return entries.stream().filter(this::includes).toList();
    }

    public boolean isAll() {
        return count == 1;
    }

    /** For file names: "shard-2-of-8". */
    public String label() {
        return "shard-" + index + "-of-" + count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

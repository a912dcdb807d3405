package dev.mlproj.scan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts one file contributed, by (path, blob id), for the length of one history run. A file's facts depend
 * only on its path (evidence names it, some analyzers look at it), its bytes (named by the blob id) and the
 * pattern set and analyzer code, which one run never changes; so a file unchanged between two commits is
 * neither read nor analysed again. Bounded by entries and by an estimate of the memory held, least recently
 * used first out.
 */
final class BlobFactCache {

    static final int DEFAULT_MAX_ENTRIES = 100_000;
    static final long DEFAULT_MAX_BYTES = 48L * 1024 * 1024;
    /** Key, entry and map overhead on top of the facts themselves. */
    private static final int ENTRY_OVERHEAD = 160;

    /** What analysing one file produced: its facts and its warnings (a broken notebook, say). */
    record FileFacts(FactStore facts, List<String> warnings) {
        FileFacts {
            warnings = List.copyOf(warnings);
        }
    }

    private record Key(String path, Object blob) { }

    private record Entry(FileFacts facts, long bytes) { }

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    BlobFactCache() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
    }

    BlobFactCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The facts stored for this path and blob, or null (counted as a miss). */
    synchronized FileFacts get(String path, Object blob) {
        Entry entry = entries.get(new Key(path, blob));
        if (entry == null) {
            misses++;
            return null;
        }
        hits++;
        return entry.facts();
    }

    /** Stores a file's facts; they must never be changed afterwards (hits merge them into other stores). */
    synchronized void put(String path, Object blob, FileFacts facts) {
        long size = ENTRY_OVERHEAD + 2L * path.length() + facts.facts().estimatedBytes()
                + facts.warnings().stream().mapToLong(w -> 40 + 2L * w.length()).sum();
        Entry previous = entries.put(new Key(path, blob), new Entry(facts, size));
        bytes += size - (previous == null ? 0 : previous.bytes());
        var oldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && oldest.hasNext()) {
            Map.Entry<Key, Entry> victim = oldest.next();
            bytes -= victim.getValue().bytes();
            oldest.remove();
            evictions++;
        }
    }

    synchronized CacheStats stats() {
        return new CacheStats(hits, misses, entries.size(), bytes, evictions);
    }
}

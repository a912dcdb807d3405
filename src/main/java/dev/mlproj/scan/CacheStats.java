package dev.mlproj.scan;

/**
 * How the per-blob fact cache of a history run did. A hit is a file whose facts were reused instead of being
 * read from the object database and analysed again; a miss is a file that was read and analysed.
 */
public record CacheStats(long hits, long misses, int entries, long estimatedBytes, long evictions) {

    public static final CacheStats DISABLED = new CacheStats(0, 0, 0, 0, 0);

    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}

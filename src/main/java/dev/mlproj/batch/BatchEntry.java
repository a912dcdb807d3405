package dev.mlproj.batch;

/**
 * One data row of the input CSV: a repository to assess.
 *
 * @param index 0-based position among the data rows, the key for sharding and for the output order
 * @param line  the line its record starts on, for messages
 * @param url   a local path (relative to the CSV's directory) or a git URL, as written
 * @param rev   a branch, tag or commit to check out; "" for the repository's default
 */
public record BatchEntry(int index, int line, String name, String url, String rev) {

    /** The 1-based row number written to the results (input_row), so shard outputs can be put back in order. */
    public int row() {
        return index + 1;
    }
}

package dev.mlproj.scan;

/**
 * A text with its line starts, so that any line can be cut out without splitting the whole text.
 */
final class LineIndex {

    private final String text;
    private final int[] starts;

    LineIndex(String text) {
        this.text = text;
        int count = 1;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            count++;
        }
        starts = new int[count];
        int line = 1;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            starts[line++] = at + 1;
        }
    }

    /** The 1-based line holding character {@code offset}: a binary search, so many look-ups stay cheap. */
    int lineOf(int offset) {
        int found = java.util.Arrays.binarySearch(starts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    String line(int index) {
        int end = index + 1 < starts.length ? starts[index + 1] - 1 : text.length();
        return text.substring(starts[index], end);
    }
}

package dev.mlproj.scan;

import java.util.List;
import java.util.stream.Collectors;

/** Everything a scan found, as text, so that two scans compare with a readable diff. */
final class FactDump {

    private FactDump() {
    }

    static String of(RepoFacts facts, List<PatternQuery> queries) {
        StringBuilder sb = new StringBuilder();
        for (RepoFile f : facts.files()) {
            sb.append("file ").append(f.path()).append(' ').append(f.size()).append(' ').append(f.kind()).append('\n');
        }
        for (FactType type : FactType.values()) {
            facts.facts().byKey(type).forEach((key, bucket) -> bucket(sb.append(type).append(' ').append(key), bucket));
        }
        for (PatternQuery q : queries) {
            FactBucket bucket = facts.facts().pattern(q.id());
            if (bucket != null) {
                bucket(sb.append("pattern ").append(q.id()), bucket);
            }
        }
        sb.append("warnings ").append(facts.warnings().stream().sorted().collect(Collectors.joining(" | "))).append('\n');
        sb.append("git ").append(facts.git()).append('\n');
        return sb.toString();
    }

    private static void bucket(StringBuilder sb, FactBucket bucket) {
        sb.append(" count=").append(bucket.count()).append(" files=").append(bucket.files());
        for (Evidence e : bucket.samples()) {
            sb.append("\n    ").append(e.location()).append(' ').append(e.detail());
        }
        sb.append('\n');
    }
}

package dev.mlproj.assess;

import dev.mlproj.rubric.Detector;
import dev.mlproj.scan.Evidence;
import dev.mlproj.scan.FactBucket;
import dev.mlproj.scan.FactStore;
import dev.mlproj.scan.FactType;
import dev.mlproj.scan.GitFacts;
import dev.mlproj.scan.Glob;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.RepoFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Evaluates detectors against facts. Pure: no I/O, same facts in, same verdict out. */
final class DetectorEvaluator {

    private static final int EVIDENCE_LIMIT = 5;
    /** Fewer files than this are matched against globs in the calling thread: the fork would cost more. */
    private static final int PARALLEL_FILES = 20_000;
    /** Facts that look like a practice but do not count; shown as hints when the practice is missing. */
    private static final Map<FactType, FactType> NEAR_MISSES = Map.of(
            FactType.DOCKERFILE, FactType.DOCKERFILE_INCOMPLETE,
            FactType.TEST_FUNCTION, FactType.TEST_WITHOUT_ASSERT,
            FactType.IMPORT, FactType.UNUSED_IMPORT);
    private static final Set<FactType> FROM_YAML = Set.of(FactType.K8S_WORKLOAD, FactType.K8S_SERVICE, FactType.AUTOSCALER,
            FactType.CI_JOB, FactType.DVC_STAGE, FactType.COMPOSE_SERVICE, FactType.PROMETHEUS_SCRAPE, FactType.ALERT_RULE,
            FactType.CONFIG_FILE, FactType.HELM_CHART, FactType.FEATURE_STORE, FactType.ORCHESTRATED_WORKFLOW);

    private final RepoFacts facts;
    private final FactStore store;
    private final Function<String, Verdict> criterionVerdicts;
    private final Map<List<String>, int[]> matchingFiles = new java.util.HashMap<>();

    /** @param criterionVerdicts resolves a criterion reference to that criterion's verdict */
    DetectorEvaluator(RepoFacts facts, Function<String, Verdict> criterionVerdicts) {
        this.facts = facts;
        this.store = facts.facts();
        this.criterionVerdicts = criterionVerdicts;
    }

    Verdict evaluate(Detector detector) {
        if (detector instanceof Detector.Fact f) {
            return fact(f);
        } else if (detector instanceof Detector.Imports i) {
            return imports(i);
        } else if (detector instanceof Detector.Dependencies d) {
            return dependencies(d);
        } else if (detector instanceof Detector.Python p) {
            return pattern(store.pattern(p.queryId()), p.min(), p.minFiles());
        } else if (detector instanceof Detector.Text t) {
            return pattern(store.pattern(t.queryId()), t.min(), t.minFiles());
        } else if (detector instanceof Detector.Files f) {
            return files(f);
        } else if (detector instanceof Detector.Git g) {
            return git(g);
        } else if (detector instanceof Detector.CriterionRef r) {
            return criterionVerdicts.apply(r.id());
        } else if (detector instanceof Detector.AnyOf a) {
            return combine(a.detectors(), 1);
        } else if (detector instanceof Detector.AllOf a) {
            return combine(a.detectors(), a.detectors().size());
        } else if (detector instanceof Detector.AtLeast a) {
            return combine(a.detectors(), a.n());
        }
        throw new IllegalArgumentException("unknown detector " + detector);
    }

    /** Read errors that could hide what this detector looks for. */
    List<Evidence> relevantErrors(Detector detector) {
        Set<String> kinds = new java.util.HashSet<>();
        errorKinds(detector, kinds);
        List<Evidence> out = new ArrayList<>();
        store.byKey(FactType.READ_ERROR).forEach((kind, bucket) -> {
            if (kinds.contains(kind) || kind.equals("io")) {
                out.addAll(bucket.samples());
            }
        });
        return out;
    }

    private static void errorKinds(Detector d, Set<String> kinds) {
        if (d instanceof Detector.Python || d instanceof Detector.Imports) {
            kinds.add("notebook");
        } else if (d instanceof Detector.Fact f) {
            if (FROM_YAML.contains(f.type())) {
                kinds.add("yaml");
            } else if (f.type() == FactType.GRAFANA_DASHBOARD) {
                kinds.add("json");
            } else {
                kinds.add("notebook");
            }
        } else if (d instanceof Detector.Text) {
            kinds.add("yaml");
        }
        d.children().forEach(c -> errorKinds(c, kinds));
    }

    private Verdict fact(Detector.Fact f) {
        List<Evidence> evidence = new ArrayList<>();
        int count = 0;
        int keys = 0;
        for (Map.Entry<String, FactBucket> e : store.byKey(f.type()).entrySet()) {
            if (!f.keys().isEmpty() && f.keys().stream().noneMatch(k -> keyMatches(f.type(), e.getKey(), k))) {
                continue;
            }
            count += e.getValue().count();
            keys++;
            evidence.addAll(e.getValue().samples());
        }
        boolean met = count >= f.min() && keys >= Math.max(1, f.minKeys());
        List<Evidence> nearMisses = List.of();
        FactType near = NEAR_MISSES.get(f.type());
        if (!met && near != null) {
            nearMisses = store.evidence(near, key -> f.keys().isEmpty() || f.keys().stream().anyMatch(k -> keyMatches(near, key, k)));
        }
        return new Verdict(met, limit(evidence), limit(nearMisses));
    }

    // Called for every key of every detector of every assessment (a history makes a thousand): no allocation.
    private static boolean keyMatches(FactType type, String key, String wanted) {
        if (wanted.indexOf('*') >= 0) {
            return wildcardMatches(key, wanted);
        }
        if (type == FactType.IMPORT || type == FactType.UNUSED_IMPORT) {
            return key.startsWith(wanted) && (key.length() == wanted.length() || key.charAt(wanted.length()) == '.');
        }
        if (type == FactType.PYTHON_MODULE) {
            // Module names are judged by their words: train_ssl and data_utils are training and data modules.
            return key.equals(wanted) || wanted.indexOf('_') < 0 && hasWord(key, wanted);
        }
        return key.equalsIgnoreCase(wanted);
    }

    /**
     * Whether {@code key} matches {@code wanted}, in which each '*' stands for any run of characters
     * (case-insensitive): {@code aws_sagemaker_*}, {@code *kubernetes_cluster*}. Greedy-free: each literal
     * part is found left to right, which is exact for '*'-only patterns.
     */
    static boolean wildcardMatches(String key, String wanted) {
        int from = 0;
        int partStart = 0;
        boolean anchored = true;
        while (partStart <= wanted.length()) {
            int star = wanted.indexOf('*', partStart);
            int partEnd = star < 0 ? wanted.length() : star;
            int length = partEnd - partStart;
            if (star < 0) {
                // the last literal part must end the key
                int at = key.length() - length;
                return at >= from && (!anchored || at == 0) && key.regionMatches(true, at, wanted, partStart, length);
            }
            if (anchored) {
                if (!key.regionMatches(true, 0, wanted, partStart, length)) {
                    return false;
                }
                from = length;
            } else {
                int at = indexOfIgnoreCase(key, wanted, partStart, length, from);
                if (at < 0) {
                    return false;
                }
                from = at + length;
            }
            anchored = false;
            partStart = star + 1;
        }
        return true;
    }

    private static int indexOfIgnoreCase(String key, String wanted, int partStart, int length, int from) {
        for (int at = from; at + length <= key.length(); at++) {
            if (key.regionMatches(true, at, wanted, partStart, length)) {
                return at;
            }
        }
        return -1;
    }

    /** Whether {@code word} is one of the '_'-separated words of {@code key}. */
    private static boolean hasWord(String key, String word) {
        for (int at = key.indexOf(word); at >= 0; at = key.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || key.charAt(at - 1) == '_') && (end == key.length() || key.charAt(end) == '_')) {
                return true;
            }
        }
        return false;
    }

    private Verdict imports(Detector.Imports d) {
        List<Evidence> evidence = new ArrayList<>();
        int matched = 0;
        for (String module : d.modules()) {
            List<Evidence> found = store.evidence(FactType.IMPORT, key -> keyMatches(FactType.IMPORT, key, module));
            if (!found.isEmpty()) {
                matched++;
                evidence.add(found.get(0));
            }
        }
        boolean met = matched >= d.min();
        List<Evidence> nearMisses = met ? List.of() : store.evidence(FactType.UNUSED_IMPORT,
                key -> d.modules().stream().anyMatch(m -> keyMatches(FactType.UNUSED_IMPORT, key, m)));
        return new Verdict(met, limit(evidence), limit(nearMisses));
    }

    private Verdict dependencies(Detector.Dependencies d) {
        List<Evidence> evidence = new ArrayList<>();
        int matched = 0;
        for (String name : d.names()) {
            FactBucket bucket = store.byKey(FactType.DEPENDENCY).get(name);
            if (bucket != null) {
                matched++;
                evidence.add(bucket.samples().get(0));
            }
        }
        return Verdict.of(matched >= d.min(), limit(evidence));
    }

    private static Verdict pattern(FactBucket bucket, int min, int minFiles) {
        if (bucket == null) {
            return Verdict.of(false, List.of());
        }
        return Verdict.of(bucket.count() >= min && bucket.files() >= minFiles, limit(bucket.samples()));
    }

    private Verdict files(Detector.Files d) {
        List<Evidence> evidence = new ArrayList<>();
        List<Evidence> empty = new ArrayList<>();
        int count = 0;
        for (int index : matchingFiles(d.globs())) {
            RepoFile file = facts.files().get(index);
            if (file.size() >= d.minBytes()) {
                count++;
                if (evidence.size() < EVIDENCE_LIMIT) {
                    evidence.add(Evidence.ofFile(file.path(), file.size() + " bytes"));
                }
            } else if (empty.size() < EVIDENCE_LIMIT) {
                empty.add(Evidence.ofFile(file.path(), "only " + file.size() + " bytes"));
            }
        }
        return new Verdict(count >= d.min(), evidence, count >= d.min() ? List.of() : empty);
    }

    /**
     * The indices, in file order, of the files any of {@code globs} matches; asked once per glob list, since
     * several criteria look for the same files. A pure test per file, so on a large repository it runs on
     * every core: a hundred thousand files times the rubric's glob lists took most of an evaluation.
     */
    private int[] matchingFiles(List<String> globs) {
        return matchingFiles.computeIfAbsent(globs, key -> {
            List<Glob> compiled = key.stream().map(Glob::of).toList();
            List<RepoFile> files = facts.files();
            IntStream indices = IntStream.range(0, files.size());
            return (files.size() >= PARALLEL_FILES ? indices.parallel() : indices)
                    .filter(i -> Glob.anyMatches(compiled, files.get(i).path())).toArray();
        });
    }

    private Verdict git(Detector.Git g) {
        GitFacts git = facts.git();
        if (!git.repository()) {
            return Verdict.of(false, List.of());
        }
        boolean met = git.commits() >= Math.max(1, g.commits()) && git.activeWeeks() >= g.activeWeeks()
                && git.authors() >= g.authors() && git.tags() >= g.tags();
        String summary = count(git.commits(), "commit") + " in " + count(git.activeWeeks(), "active week") + " by "
                + count(git.authors(), "author") + ", " + count(git.tags(), "tag") + (git.partial() ? " (shallow clone: partial)" : "");
        return new Verdict(met, met ? List.of(Evidence.ofRepository(summary)) : List.of(),
                met ? List.of() : List.of(Evidence.ofRepository(summary)));
    }

    /** "1 commit", "3 commits". */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private Verdict combine(List<Detector> detectors, int needed) {
        int met = 0;
        List<Evidence> evidence = new ArrayList<>();
        List<Evidence> nearMisses = new ArrayList<>();
        for (Detector d : detectors) {
            Verdict v = evaluate(d);
            if (v.met()) {
                met++;
                evidence.addAll(v.evidence());
            } else {
                nearMisses.addAll(v.notCounted());
            }
        }
        boolean ok = met >= needed;
        return new Verdict(ok, limit(dedupe(evidence)), ok ? List.of() : limit(dedupe(nearMisses)));
    }

    private static List<Evidence> dedupe(List<Evidence> evidence) {
        return evidence.stream().distinct().toList();
    }

    private static List<Evidence> limit(List<Evidence> evidence) {
        return evidence.size() <= EVIDENCE_LIMIT ? List.copyOf(evidence) : List.copyOf(evidence.subList(0, EVIDENCE_LIMIT));
    }
}

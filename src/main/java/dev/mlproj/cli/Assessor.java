package dev.mlproj.cli;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.ConfigStatus;
import dev.mlproj.assess.Outcome;
import dev.mlproj.config.ConfigException;
import dev.mlproj.config.RepoConfig;
import dev.mlproj.rubric.FocusArea;
import dev.mlproj.scan.Evidence;
import dev.mlproj.assess.Evaluator;
import dev.mlproj.assess.ScaffoldStatus;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.scaffold.TemplateFingerprints;
import dev.mlproj.scaffold.TemplateLibrary;
import dev.mlproj.scan.PendingListing;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.ScanException;
import dev.mlproj.scan.Scanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Scan then judge: the one way every command assesses a repository, with the errors mapped for the user. */
final class Assessor {

    private Assessor() {
    }

    static void requireDirectory(Path path) {
        if (!Files.exists(path)) {
            throw new UserException(ExitCode.UNREADABLE, path + ": no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            throw new UserException(ExitCode.UNREADABLE, path + ": not a directory");
        }
    }

    static Assessment assess(Path path, Rubric rubric) {
        return assess(path, rubric, false);
    }

    /**
     * Assesses under the rubric and the repository's own {@code .mlproj.yaml} (declared focus, waivers,
     * extra criteria); with a configuration present it also records the level without it, which gates judge.
     *
     * @param gate true at a CI gate: generated files nobody has touched are left out and earn nothing
     */
    static Assessment assess(Path path, Rubric rubric, boolean gate) {
        return assess(path, rubric, gate, Runtime.getRuntime().availableProcessors());
    }

    /** @param scanThreads threads for this one scan: fewer when several repositories are assessed at once */
    static Assessment assess(Path path, Rubric rubric, boolean gate, int scanThreads) {
        requireDirectory(path);
        Scanner scanner = new Scanner(Scanner.DEFAULT_SIZE_CAP, scanThreads);
        return assess(path, () -> rubric, gate, scanner, new PendingListing(scanner, path));
    }

    /**
     * Assesses one repository, its files listed on a second thread while the rubric is read: on a large
     * repository the two take about as long, and neither needs the other.
     */
    static Assessment assessWhileListing(Path path, Supplier<Rubric> rubric, boolean gate) {
        requireDirectory(path);
        Scanner scanner = new Scanner();
        return assess(path, rubric, gate, scanner, new PendingListing(scanner, path).startInBackground());
    }

    private static Assessment assess(Path path, Supplier<Rubric> rubricSource, boolean gate, Scanner scanner,
                                     PendingListing listing) {
        Rubric rubric;
        RepoConfig config;
        Rubric judged;
        Set<String> untouched = new TreeSet<>();
        String problem = null;
        Scanner.Queries queries;
        try {
            rubric = rubricSource.get();
            try {
                config = RepoConfig.read(path);
                judged = withRepoRubrics(path, rubric, config);
                config.check(judged.byId().keySet(), judged.focusAreas().stream().map(FocusArea::id).toList());
            } catch (ConfigException e) {
                throw new UserException(ExitCode.USAGE, e.getMessage());
            }
            try {
                untouched.addAll(ScaffoldRecord.read(path).untouched(path));
            } catch (IOException e) {
                problem = e.getMessage() + "; scaffold provenance not checked";
            }
            if (gate) {
                // The record is the judged repository's own file: at a gate, generated files are also
                // recognised by their content, so deleting the record earns nothing.
                try (TemplateLibrary library = TemplateLibrary.builtin()) {
                    untouched.addAll(TemplateFingerprints.untouched(path, library, Version.get()));
                } catch (IOException | ConfigException e) {
                    problem = "generated files could not be recognised by content (" + e.getMessage() + ")";
                }
            }
            queries = Scanner.compile(RubricLoader.queries(judged));
        } catch (RuntimeException e) {
            listing.abandon();
            throw e;
        }
        RepoFacts facts;
        try (Scanner.Listing files = listing.get()) {
            facts = scanner.scan(files, queries, gate ? untouched : Set.of());
        } catch (ScanException e) {
            throw new UserException(ExitCode.UNREADABLE, e.getMessage());
        }
        Assessment assessment = new Evaluator(judged).evaluate(facts, config.focusId(), waiverEvidence(config))
                .withScaffold(new ScaffoldStatus(List.copyOf(untouched), gate && !untouched.isEmpty(), problem,
                        whollyScaffold(untouched, facts)));
        if (!config.present()) {
            return assessment;
        }
        boolean changesLevel = judged != rubric || !config.waivers().isEmpty();
        int levelWithout = changesLevel ? new Evaluator(rubric).evaluate(facts, null).level() : assessment.level();
        return assessment.withConfig(status(config, assessment, levelWithout));
    }

    /**
     * True when the repository's code is all untouched scaffolding: some generated Python or notebook is
     * untouched and no other one exists (at a gate the untouched ones are already out of the listing).
     */
    private static boolean whollyScaffold(Set<String> untouched, RepoFacts facts) {
        if (untouched.stream().noneMatch(Assessor::isCode)) {
            return false;
        }
        return facts.files().stream().map(f -> f.path()).filter(Assessor::isCode).allMatch(untouched::contains);
    }

    private static boolean isCode(String path) {
        return path.endsWith(".py") || path.endsWith(".ipynb");
    }

    private static Rubric withRepoRubrics(Path repo, Rubric rubric, RepoConfig config) throws ConfigException {
        Rubric out = rubric;
        RubricLoader loader = new RubricLoader();
        for (RepoConfig.Declared file : config.rubrics()) {
            Path resolved = config.resolve(repo, file);
            out = loader.extend(out, resolved, resolved.toString());
        }
        return out;
    }

    /** A waiver's evidence is the waiver itself: where it is written and the reason given. */
    private static Map<String, Evidence> waiverEvidence(RepoConfig config) {
        Map<String, Evidence> out = new LinkedHashMap<>();
        for (RepoConfig.Waiver w : config.waivers()) {
            out.put(w.criterion(), new Evidence(config.relativeName(), w.at().line(), "waived: " + w.reason()));
        }
        return out;
    }

    private static ConfigStatus status(RepoConfig config, Assessment a, int levelWithout) {
        Map<String, Outcome> outcomes = new HashMap<>();
        a.results().forEach(r -> outcomes.put(r.criterion().id(), r.outcome()));
        a.walkthrough().forEach(r -> outcomes.put(r.criterion().id(), r.outcome()));
        List<String> warnings = new ArrayList<>();
        List<ConfigStatus.Waived> waived = new ArrayList<>();
        for (RepoConfig.Waiver w : config.waivers()) {
            waived.add(new ConfigStatus.Waived(w.criterion(), w.reason(), w.at().line()));
            Outcome o = outcomes.get(w.criterion());
            if (o == Outcome.MET || o == Outcome.NOT_APPLICABLE) {
                warnings.add(config.relativeName() + ":" + w.at().line() + ": the waiver of " + w.criterion()
                        + " changes nothing: the criterion is " + o.label());
            }
        }
        return new ConfigStatus(config.relativeName(), config.focusId(), waived,
                config.rubrics().stream().map(RepoConfig.Declared::value).toList(), warnings, levelWithout);
    }
}

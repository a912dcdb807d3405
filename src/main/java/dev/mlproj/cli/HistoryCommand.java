package dev.mlproj.cli;

import dev.mlproj.assess.Evaluator;
import dev.mlproj.assess.History;
import dev.mlproj.assess.HistoryPoint;
import dev.mlproj.report.HistoryReport;
import dev.mlproj.report.Style;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.scan.CacheStats;
import dev.mlproj.scan.CommitRef;
import dev.mlproj.scan.CommitSampling;
import dev.mlproj.scan.HistoryScan;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.ScanException;
import dev.mlproj.scan.Scanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Show the level and per-level progress over the repository's git history.",
                "Samples HEAD's first-parent history and assesses each sampled commit straight from the object database (no checkout; the work tree and index are untouched)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:history assessed (also for a shallow clone, whose history is partial)",
                "2:usage or rubric error (a bad --max, --every or --format)",
                "3:not a git repository, no commits yet, or the history could not be read"})
public final class HistoryCommand implements Callable<Integer> {

    static final int DEFAULT_MAX = 20;

    enum Format { text, csv, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
            description = "Repository (work tree, a directory in one, or a bare repository; default: the current directory).")
    Path path = Path.of(".");

    @Option(names = "--max", paramLabel = "N",
            description = "Assess N commits evenly spaced over the history, the first and the last included (default: " + DEFAULT_MAX + ").")
    Integer max;

    @Option(names = "--every", paramLabel = "DURATION", converter = PeriodConverter.class,
            description = "Assess the last commit of each period: 7d, 2w, 1m (months), 1y, or ISO-8601 such as P14D.")
    Period every;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--no-cache", description = "Read and analyse every file of every commit, even where its blob did not change (for benchmarks).")
    boolean noCache;

    @Mixin
    RubricOptions rubricOptions;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (max != null && every != null) {
            throw new UserException(ExitCode.USAGE, "--max and --every cannot be combined: --max samples by count, --every by time");
        }
        if (max != null && max < 1) {
            throw new UserException(ExitCode.USAGE, "--max must be at least 1, not " + max);
        }
        Assessor.requireDirectory(path);
        Rubric rubric = rubricOptions.load();
        Evaluator evaluator = new Evaluator(rubric);
        List<HistoryPoint> points = new ArrayList<>();
        History history;
        CacheStats cache;
        long filesRead = 0;
        List<String> lastWarnings = List.of();
        // On a terminal, a bar on standard error while the commits are read (history can take minutes).
        BatchProgress progress = new BatchProgress(spec.commandLine().getErr(), !output.quiet && BatchProgress.stderrIsTerminal(), false, false);
        try (HistoryScan scan = new Scanner().history(path, RubricLoader.queries(rubric), !noCache)) {
            List<CommitRef> commits = scan.commits();
            List<CommitRef> sample = every != null ? CommitSampling.lastPerPeriod(commits, every)
                    : CommitSampling.evenly(commits, max == null ? DEFAULT_MAX : max);
            if (scan.shallow()) {
                CommitRef oldest = commits.get(0);
                spec.commandLine().getErr().println("mlproj: shallow clone: the history is partial (it starts at "
                        + oldest.shortId() + ", " + oldest.date() + "); assessing the " + commits.size() + " commits present");
            }
            for (int i = 0; i < sample.size(); i++) {
                CommitRef commit = sample.get(i);
                progress.step(i, sample.size(), commit.shortId() + " " + commit.date());
                RepoFacts facts = scan.scan(commit);
                filesRead += facts.filesRead();
                lastWarnings = facts.warnings();
                points.add(HistoryPoint.of(commit.id(), commit.date(), evaluator.evaluate(facts, null)));
            }
            cache = scan.cacheStats();
            history = new History(path.toString(), rubric.id(), rubric.maxLevel(), commits.size(),
                    sampling(sample.size(), commits.size()), scan.shallow(), points);
        } catch (ScanException e) {
            throw new UserException(ExitCode.UNREADABLE, e.getMessage());
        } finally {
            progress.end();
        }
        String report = switch (format) {
            case json -> HistoryReport.json(history);
            case csv -> HistoryReport.csv(history);
            case text -> output.quiet ? HistoryReport.headline(history) + "\n"
                    : HistoryReport.text(history, new Style(output.color()), unicode(), notes(cache, filesRead, points.get(points.size() - 1), lastWarnings));
        };
        output.emit(report, spec.commandLine().getOut(), path);
        return ExitCode.OK;
    }

    private String sampling(int sampled, int total) {
        if (every != null) {
            return "the last commit of every " + describe(every);
        }
        return sampled == total ? "every commit" : sampled + " evenly spaced";
    }

    /** "14 days", "1 month", "1 year 2 months". */
    static String describe(Period p) {
        List<String> parts = new ArrayList<>();
        if (p.getYears() != 0) {
            parts.add(p.getYears() + (p.getYears() == 1 ? " year" : " years"));
        }
        if (p.getMonths() != 0) {
            parts.add(p.getMonths() + (p.getMonths() == 1 ? " month" : " months"));
        }
        if (p.getDays() != 0) {
            parts.add(p.getDays() + (p.getDays() == 1 ? " day" : " days"));
        }
        return String.join(" ", parts);
    }

    /** With --verbose: what was read, what the cache reused, and what the last point's scan could not do. */
    private List<String> notes(CacheStats cache, long filesRead, HistoryPoint last, List<String> warnings) {
        if (!output.verbose) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        notes.add(filesRead + " files read from the object database");
        notes.add(noCache ? "blob cache: off (--no-cache)" : String.format(Locale.ROOT,
                "blob cache: %d hits, %d misses (%.0f%% reused), %d entries, about %d KiB, %d evicted",
                cache.hits(), cache.misses(), cache.hitRate() * 100, cache.entries(), cache.estimatedBytes() / 1024,
                cache.evictions()));
        int shown = Math.min(5, warnings.size());
        for (int i = 0; i < shown; i++) {
            notes.add(last.shortCommit() + ": " + warnings.get(i));
        }
        if (shown < warnings.size()) {
            notes.add(last.shortCommit() + ": ... and " + (warnings.size() - shown) + " more warnings");
        }
        return notes;
    }

    /** Block characters for the sparklines when the output can carry them: a file (UTF-8) or a UTF terminal. */
    private boolean unicode() {
        return output.output != null || Charset.defaultCharset().newEncoder().canEncode("\u2581\u2588");
    }

    /** 7d, 2w, 1m (months, not minutes), 1y, or an ISO-8601 period (P14D, P1M, P1Y2M). */
    static final class PeriodConverter implements ITypeConverter<Period> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([dwmy])", Pattern.CASE_INSENSITIVE);

        @Override
        public Period convert(String value) {
            String v = value.strip();
            Period period;
            Matcher m = SHORT.matcher(v);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                period = switch (Character.toLowerCase(m.group(2).charAt(0))) {
                    case 'd' -> Period.ofDays(n);
                    case 'w' -> Period.ofWeeks(n);
                    case 'm' -> Period.ofMonths(n);
                    default -> Period.ofYears(n);
                };
            } else {
                try {
                    period = Period.parse(v);
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + value + "' is not a period: use 7d, 2w, 1m, 1y or ISO-8601 such as P14D");
                }
            }
            if (period.isZero() || period.isNegative()) {
                throw new TypeConversionException("'" + value + "' must be longer than zero");
            }
            return period;
        }
    }
}

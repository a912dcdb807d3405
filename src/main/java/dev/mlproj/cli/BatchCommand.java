package dev.mlproj.cli;

import dev.mlproj.batch.BatchEntry;
import dev.mlproj.batch.BatchInput;
import dev.mlproj.batch.BatchInputException;
import dev.mlproj.batch.BatchResult;
import dev.mlproj.batch.BatchRunner;
import dev.mlproj.batch.Leaderboard;
import dev.mlproj.batch.ResultsCsv;
import dev.mlproj.batch.Shard;
import dev.mlproj.fetch.Checkout;
import dev.mlproj.fetch.FetchException;
import dev.mlproj.fetch.RepoCache;
import dev.mlproj.fetch.RepoSource;
import dev.mlproj.rubric.Rubric;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "batch", mixinStandardHelpOptions = true, subcommands = BatchMergeCommand.class,
        description = {"Assess many repositories: a CSV in, a results CSV and a leaderboard out.",
                "The CSV's header names name,url and optionally rev. url is a local path",
                "(relative to the CSV; assessed in place) or a git URL (file://, https://,",
                "ssh://, user@host:path), cloned into a cache and fetched again on later",
                "runs; rev (a branch, tag or commit) gets a work tree of its own. A",
                "repository that cannot be assessed becomes an error row and the batch",
                "goes on. See docs/batch.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every repository assessed (with --min-level: all at or above it)",
                "1:with --min-level: a repository below it, or one not assessed",
                "2:usage error: a bad flag or rubric, or a bad input CSV (file:line:col)",
                "3:without --min-level: a repository could not be assessed (see its error column); or the CSV or an output file could not be read or written"})
public final class BatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.csv", description = "The repositories to assess: name,url[,rev].")
    Path input;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Threads to use: repositories assessed at once, each on one thread (default: the number of processors, here ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where git URLs are cloned (default: $XDG_CACHE_HOME/mlproj/repos or ~/.cache/mlproj/repos).")
    Path cache;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write results.csv and leaderboard.md into DIR (results-shard-K-of-N.csv... with --shard).")
    Path outputDir;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the Markdown leaderboard to FILE (atomically).")
    Path markdown;

    @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class,
            description = "Assess only shard K of N: the rows whose 0-based index i has i mod N = K-1 (merge with `batch merge`).")
    Shard shard = Shard.ALL;

    @Option(names = "--min-level", paramLabel = "N",
            description = "CI gate: exit 1 when a repository is below level N (0-5) or could not be assessed.")
    Integer minLevel;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "Total time allowed to each repository, clone or fetch included (default: ${DEFAULT-VALUE}); a row past it is an error row.")
    int timeoutSeconds;

    @Mixin
    RubricOptions rubricOptions;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the results CSV to FILE (atomically) instead of standard output.")
    Path outputFile;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar, warnings or summary line: rely on the exit code and the files.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Also print a line on standard error for each repository assessed.")
    boolean verbose;

    /** Picocli's hook for --shard: the message of a bad value names the rule broken. */
    static final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        validateOptions();
        List<BatchEntry> entries = readInput();
        Rubric rubric = rubricOptions.load();
        List<BatchEntry> selected = shard.select(entries);
        Path csvTarget = outputFile != null ? outputFile
                : outputDir != null ? outputDir.resolve(fileName("results", "csv")) : null;
        Path mdTarget = markdown != null ? markdown : outputDir != null ? outputDir.resolve(fileName("leaderboard", "md")) : null;

        int scanThreads = scanThreads(jobs, selected.size());
        RepoCache repoCache = new RepoCache(cache != null ? cache : RepoCache.defaultRoot(System.getenv(), System.getProperty("user.home")));
        Path base = input.toAbsolutePath().normalize().getParent();
        boolean gate = minLevel != null;
        BatchProgress progress = new BatchProgress(err, !quiet && BatchProgress.stderrIsTerminal(), !quiet, verbose);
        progress.start(selected.size());
        // Rows are kept as they finish: if the run is stopped (Ctrl-C, SIGTERM from a CI runner), the rows
        // done so far are written, and the rest are error rows saying so, rather than nothing at all.
        BatchResult[] finished = new BatchResult[selected.size()];
        java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
        Thread onSignal = new Thread(() -> {
            if (written.compareAndSet(false, true)) {
                List<BatchResult> partial = new ArrayList<>();
                synchronized (finished) {
                    for (int i = 0; i < finished.length; i++) {
                        partial.add(finished[i] != null ? finished[i]
                                : BatchResult.failed(selected.get(i), "not assessed: the batch was stopped before this row finished"));
                    }
                }
                try {
                    writeResults(partial, csvTarget, mdTarget);
                } catch (RuntimeException e) {
                    err.println("mlproj: batch stopped; the partial results could not be written: " + e.getMessage());
                    err.flush();
                }
            }
        }, "mlproj-batch-partial-results");
        Runtime.getRuntime().addShutdownHook(onSignal);
        BatchRunner.Listener listener = new BatchRunner.Listener() {
            @Override
            public void finished(int done, int total, BatchResult result) {
                progress.finished(done, total, result);
            }

            @Override
            public void finished(int done, int total, int index, BatchResult result) {
                synchronized (finished) {
                    finished[index] = result;
                }
                progress.finished(done, total, result);
            }
        };
        List<BatchResult> results;
        try {
            results = BatchRunner.run(selected, jobs, entry -> assessOne(entry, base, rubric, gate, scanThreads, repoCache), listener,
                    java.time.Duration.ofSeconds(timeoutSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (written.compareAndSet(false, true)) {
                removeHook(onSignal);
            }
            throw new UserException(ExitCode.UNREADABLE, "batch interrupted; nothing was written");
        } finally {
            progress.end();
        }
        if (!written.compareAndSet(false, true)) {
            throw new UserException(ExitCode.UNREADABLE, "batch stopped; the rows finished so far were written");
        }
        removeHook(onSignal);
        writeResults(results, csvTarget, mdTarget);
        long failed = results.stream().filter(BatchResult::failed).count();
        if (csvTarget != null && !quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Assessed %d of %d repositories%s; %d could not be assessed. Wrote %s%s.%n",
                    results.size() - failed, results.size(), shard.isAll() ? "" : " (shard " + shard + " of " + entries.size() + " rows)",
                    failed, csvTarget, mdTarget == null ? "" : " and " + mdTarget);
            out.flush();
        }
        return exitCode(results, err);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook will find the results written
        }
    }

    /** The results CSV (standard output when no file is named) and the leaderboard. */
    private void writeResults(List<BatchResult> results, Path csvTarget, Path mdTarget) {
        String csv = ResultsCsv.write(results);
        if (csvTarget == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(csv);
            out.flush();
        } else {
            OutputOptions.write(csvTarget, csv, outputFile != null ? "--output" : "--output-dir");
        }
        if (mdTarget != null) {
            OutputOptions.write(mdTarget, Leaderboard.render(results), markdown != null ? "--markdown" : "--output-dir");
        }
    }

    private void validateOptions() {
        if (input == null) {
            throw new UserException(ExitCode.USAGE, "batch needs FILE.csv (or: batch merge RESULTS.csv...); see 'mlproj batch --help'");
        }
        if (jobs < 1) {
            throw new UserException(ExitCode.USAGE, "--jobs must be at least 1, not " + jobs);
        }
        if (minLevel != null && (minLevel < 0 || minLevel > 5)) {
            throw new UserException(ExitCode.USAGE, "--min-level must be between 0 and 5, not " + minLevel);
        }
        if (timeoutSeconds < 1) {
            throw new UserException(ExitCode.USAGE, "--timeout must be at least 1 second, not " + timeoutSeconds);
        }
        if (outputFile != null && outputDir != null) {
            throw new UserException(ExitCode.USAGE, "--output and --output-dir are alternatives: give one");
        }
    }

    private List<BatchEntry> readInput() {
        try {
            return BatchInput.read(input);
        } catch (NoSuchFileException e) {
            throw new UserException(ExitCode.UNREADABLE, input + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserException(ExitCode.USAGE, input + ":1:1: not valid UTF-8 text");
        } catch (dev.mlproj.io.SafeFiles.Refused e) {
            throw new UserException(ExitCode.UNREADABLE, input + ": " + e.reason());
        } catch (IOException e) {
            throw new UserException(ExitCode.UNREADABLE, input + ": cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (BatchInputException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
    }

    private String fileName(String stem, String extension) {
        return shard.isAll() ? stem + "." + extension : stem + "-" + shard.label() + "." + extension;
    }

    /**
     * Threads per scan: --jobs is all the threads a batch uses, so --jobs 1 is one repository on one thread,
     * as make -j1 or xargs -P1 would be, and more jobs than repositories lend the spare ones to the scans.
     */
    static int scanThreads(int jobs, int repositories) {
        return Math.max(1, jobs / Math.max(1, Math.min(jobs, repositories)));
    }

    /** One row: find or fetch the repository, assess it; whatever goes wrong is this row's error, never the batch's. */
    private static BatchResult assessOne(BatchEntry entry, Path base, Rubric rubric, boolean gate, int scanThreads, RepoCache cache) {
        try {
            RepoSource source = RepoSource.locate(entry.url(), entry.rev(), base);
            if (source instanceof RepoSource.Local local) {
                if (Files.isDirectory(local.dir()) && !Files.isReadable(local.dir())) {
                    return BatchResult.failed(entry, local.dir() + ": not readable");
                }
                return BatchResult.of(entry, Assessor.assess(local.dir(), rubric, gate, scanThreads));
            }
            try (Checkout checkout = cache.checkout(((RepoSource.Remote) source).url(), entry.rev())) {
                return BatchResult.of(entry, Assessor.assess(checkout.dir(), rubric, gate, scanThreads));
            }
        } catch (UserException | FetchException e) {
            return BatchResult.failed(entry, e.getMessage());
        }
    }

    private int exitCode(List<BatchResult> results, PrintWriter err) {
        if (minLevel != null) {
            List<String> below = new ArrayList<>();
            results.stream().filter(r -> !r.passes(minLevel)).forEach(r -> below.add(r.name()));
            if (!below.isEmpty()) {
                err.println("mlproj: gate failed: " + below.size() + " of " + results.size() + " repositories below --min-level "
                        + minLevel + " or not assessed: " + abbreviate(below));
                err.flush();
                return ExitCode.GATE_FAILED;
            }
            return ExitCode.OK;
        }
        return results.stream().anyMatch(BatchResult::failed) ? ExitCode.UNREADABLE : ExitCode.OK;
    }

    private static String abbreviate(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(10, names.size())))
                + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }
}

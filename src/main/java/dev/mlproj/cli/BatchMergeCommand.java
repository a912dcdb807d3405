package dev.mlproj.cli;

import dev.mlproj.batch.BatchInputException;
import dev.mlproj.batch.Leaderboard;
import dev.mlproj.batch.ResultsCsv;
import dev.mlproj.batch.ResultsMerger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the results of `batch --shard K/N` runs, and their leaderboard.",
                "Rows come out in input order. Every file must be an mlproj results CSV,",
                "and no repository may be in two of them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:merged", "2:a file is not a results CSV, or the files overlap (file:line:col)",
                "3:a file could not be read or written"})
public final class BatchMergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULTS.csv", description = "Results CSVs written by `mlproj batch`.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FILE", description = "Write the merged CSV to FILE (atomically) instead of standard output.")
    Path output;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the merged leaderboard to FILE (atomically).")
    Path markdown;

    @Override
    public Integer call() {
        List<ResultsMerger.Input> inputs = new ArrayList<>();
        for (Path file : files) {
            try {
                inputs.add(new ResultsMerger.Input(file.toString(), dev.mlproj.io.SafeFiles.readUtf8(file,
                        dev.mlproj.batch.BatchInput.MAX_BYTES, dev.mlproj.io.SafeFiles.Links.FOLLOW)));
            } catch (NoSuchFileException e) {
                throw new UserException(ExitCode.UNREADABLE, file + ": no such file");
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new UserException(ExitCode.USAGE, file + ":1:1: not valid UTF-8 text");
            } catch (dev.mlproj.io.SafeFiles.Refused e) {
                throw new UserException(ExitCode.UNREADABLE, file + ": " + e.reason());
            } catch (IOException e) {
                throw new UserException(ExitCode.UNREADABLE, file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        ResultsMerger.Merged merged;
        try {
            merged = ResultsMerger.merge(inputs);
        } catch (BatchInputException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        merged.warnings().forEach(w -> err.println("mlproj: warning: " + w));
        err.flush();
        String csv = ResultsCsv.write(merged.rows());
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(csv);
            out.flush();
        } else {
            OutputOptions.write(output, csv, "--output");
        }
        if (markdown != null) {
            OutputOptions.write(markdown, Leaderboard.render(merged.rows()), "--markdown");
        }
        return ExitCode.OK;
    }
}

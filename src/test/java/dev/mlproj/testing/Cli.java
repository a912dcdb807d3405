package dev.mlproj.testing;

import dev.mlproj.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Drives the real command line and captures what it prints. */
public final class Cli {

    public record Result(int exitCode, String out, String err) { }

    private Cli() {
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}

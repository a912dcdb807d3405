package dev.mlproj.cli;

import dev.mlproj.config.ConfigException;
import dev.mlproj.scaffold.TemplateLibrary;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --templates DIR: render from a templates tree on disk instead of the one in the jar. */
public final class TemplateOptions {

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Use the templates tree in DIR (same layout as mlproj's templates/) instead of the built-in one.")
    Path templates;

    TemplateLibrary open() {
        try {
            return templates == null ? TemplateLibrary.builtin() : TemplateLibrary.fromDirectory(templates);
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
    }
}

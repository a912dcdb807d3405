package dev.mlproj.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar a user installs, run as a process: the integration tier's one way to drive it. */
public final class PackagedJar {

    /** What a finished run said and how it ended. */
    public record Run(int exitCode, String out, String err) { }

    private PackagedJar() {
    }

    /** {@code java [jvmOptions] -jar JAR args...}, the jar being the one failsafe names with -Dmlproj.jar. */
    public static List<String> command(List<String> jvmOptions, String... args) {
        String jar = System.getProperty("mlproj.jar");
        assertThat(jar).as("failsafe passes -Dmlproj.jar").isNotBlank();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar);
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the jar in {@code workDir} to its end; its output goes through files, so no pipe can fill up. */
    public static Run mlproj(Path workDir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = new ProcessBuilder(command(List.of(), args)).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}

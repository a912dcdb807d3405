package dev.mlproj.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The version and project address baked into the jar at build time (from pom.xml), and the commit it was
 * built from (written by git at build time, in a git checkout: the pom's build-commit profile).
 */
public final class Version implements CommandLine.IVersionProvider {

    public static String get() {
        return properties().getProperty("version", "unknown");
    }

    /** Where mlproj is documented: the pom's project URL, or null in a build without it. */
    public static String url() {
        String url = properties().getProperty("url");
        return url == null || url.isBlank() || url.startsWith("${") ? null : url;
    }

    /** The full id of the commit the build was made from, or null when it was built outside git. */
    public static String commit() {
        String commit = resource("/dev/mlproj/build-commit.txt");
        return commit != null && commit.strip().matches("[0-9a-f]{40,64}") ? commit.strip() : null;
    }

    /** Whether tracked files differed from that commit when it was built. */
    public static boolean modified() {
        String status = resource("/dev/mlproj/build-modified.txt");
        return status != null && !status.isBlank();
    }

    private static String resource(String name) {
        try (InputStream in = Version.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static Properties properties() {
        Properties props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/mlproj/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            return props;
        }
        return props;
    }

    /** "mlproj 0.1.0 (commit 0123456789ab..., modified)" and the Java it runs on. */
    @Override
    public String[] getVersion() {
        String commit = commit();
        String build = commit == null ? "commit unknown: built outside a git checkout"
                : "commit " + commit + (modified() ? ", with uncommitted changes" : "");
        return new String[] {"mlproj " + get() + " (" + build + ")",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}

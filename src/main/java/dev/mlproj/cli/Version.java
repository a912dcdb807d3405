package dev.mlproj.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version and project address baked into the jar at build time (from pom.xml). */
public final class Version implements CommandLine.IVersionProvider {

    public static String get() {
        return properties().getProperty("version", "unknown");
    }

    /** Where mlproj is documented: the pom's project URL, or null in a build without it. */
    public static String url() {
        String url = properties().getProperty("url");
        return url == null || url.isBlank() || url.startsWith("${") ? null : url;
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

    @Override
    public String[] getVersion() {
        return new String[] {"mlproj " + get()};
    }
}

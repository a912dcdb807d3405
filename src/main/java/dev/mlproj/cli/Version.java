package dev.mlproj.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version baked into the jar at build time. */
public final class Version implements CommandLine.IVersionProvider {

    public static String get() {
        Properties props = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/mlproj/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return props.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"mlproj " + get()};
    }
}

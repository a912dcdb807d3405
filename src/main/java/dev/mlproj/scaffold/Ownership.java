package dev.mlproj.scaffold;

import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Git's ownership rule, applied before mlproj writes into a repository: a repository owned by another
 * user is refused unless git's {@code safe.directory} lists it. Otherwise root running {@code next}
 * in someone's repository leaves root-owned files and objects behind, and the owner's {@code git gc}
 * fails on them. As in git: the owner of the work tree's top and of the git directory must be the
 * current user (for root under sudo, the user in {@code SUDO_UID}); {@code safe.directory} is read from
 * the system and global configuration and {@code GIT_CONFIG_COUNT} pairs, never from the repository's own
 * configuration (which its author controls); {@code *} trusts every directory, a value ending in
 * {@code /*} a tree, and an empty value clears what came before.
 */
public final class Ownership {

    private Ownership() {
    }

    /**
     * @param dirs the directories to be written into: the repository's work-tree top and git directory (or
     *             the directory itself outside any repository)
     * @param env  the environment (git's configuration variables and {@code SUDO_UID}, {@code HOME})
     * @throws ScaffoldException (refused) naming the owner and the command that would trust the directory
     */
    public static void check(List<Path> dirs, Path trustedAs, Map<String, String> env) throws ScaffoldException {
        Long me = currentUid(env);
        if (me == null) {
            return; // not a POSIX system: git does not check there either
        }
        for (Path dir : dirs) {
            Object owner;
            try {
                owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                continue;
            }
            if (owner instanceof Integer uid && uid.longValue() != me && !safe(trustedAs, env)) {
                throw ScaffoldException.refused(dir + " is owned by " + ownerName(dir, uid) + ", not by you (uid " + me
                        + "); mlproj does not write into another user's repository, as git does not. If you trust it: "
                        + "git config --global --add safe.directory " + trustedAs);
            }
        }
    }

    /** The uid whose files these should be: the effective uid, or under sudo as root the invoking user's. */
    static Long currentUid(Map<String, String> env) {
        Long uid = effectiveUid();
        if (uid != null && uid == 0L) {
            String sudo = env.get("SUDO_UID");
            if (sudo != null && sudo.matches("\\d{1,10}")) {
                return Long.parseLong(sudo);
            }
        }
        return uid;
    }

    private static Long effectiveUid() {
        try {
            // /proc/self belongs to the process's effective user.
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid instanceof Integer i) {
                return i.longValue();
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no /proc: ask a file of our own
        }
        Path probe = null;
        try {
            probe = Files.createTempFile("mlproj-uid-", ".tmp");
            Object uid = Files.getAttribute(probe, "unix:uid");
            return uid instanceof Integer i ? i.longValue() : null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a stray temporary file
                }
            }
        }
    }

    private static String ownerName(Path dir, int uid) {
        try {
            String name = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            return name.equals(Integer.toString(uid)) ? "uid " + uid : name + " (uid " + uid + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "uid " + uid;
        }
    }

    /** Whether git's safe.directory (system, global, GIT_CONFIG_COUNT) trusts {@code dir}. */
    static boolean safe(Path dir, Map<String, String> env) {
        Set<String> names = new LinkedHashSet<>();
        Path abs = dir.toAbsolutePath().normalize();
        names.add(abs.toString());
        try {
            names.add(abs.toRealPath().toString());
        } catch (IOException ignored) {
            // compared as given
        }
        boolean safe = false;
        for (String value : values(env)) {
            if (value.isEmpty()) {
                safe = false;
            } else if (value.equals("*")) {
                safe = true;
            } else {
                String path = expand(value, env);
                if (path.endsWith("/*")) {
                    String prefix = path.substring(0, path.length() - 1);
                    safe |= names.stream().anyMatch(n -> (n + "/").startsWith(prefix));
                } else {
                    String normal = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                    safe |= names.contains(normal);
                }
            }
        }
        return safe;
    }

    private static String expand(String value, Map<String, String> env) {
        if (value.startsWith("~/") && env.get("HOME") != null) {
            return env.get("HOME") + value.substring(1);
        }
        return value;
    }

    /** safe.directory values in git's order: system, global (XDG, then ~/.gitconfig), then GIT_CONFIG_COUNT pairs. */
    private static List<String> values(Map<String, String> env) {
        List<String> values = new ArrayList<>();
        if (env.get("GIT_CONFIG_NOSYSTEM") == null) {
            String system = env.getOrDefault("GIT_CONFIG_SYSTEM", "/etc/gitconfig");
            read(Path.of(system), values);
        }
        String global = env.get("GIT_CONFIG_GLOBAL");
        if (global != null) {
            read(Path.of(global), values);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            String xdg = env.get("XDG_CONFIG_HOME");
            read(xdg != null && !xdg.isEmpty() ? Path.of(xdg, "git", "config") : Path.of(home, ".config", "git", "config"), values);
            read(Path.of(home, ".gitconfig"), values);
        }
        String count = env.get("GIT_CONFIG_COUNT");
        if (count != null && count.matches("\\d{1,4}")) {
            for (int i = 0; i < Integer.parseInt(count); i++) {
                if ("safe.directory".equalsIgnoreCase(env.getOrDefault("GIT_CONFIG_KEY_" + i, ""))) {
                    values.add(env.getOrDefault("GIT_CONFIG_VALUE_" + i, ""));
                }
            }
        }
        return values;
    }

    private static void read(Path file, List<String> values) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        FileBasedConfig config = new FileBasedConfig(file.toFile(), FS.DETECTED);
        try {
            config.load();
            for (String value : config.getStringList("safe", null, "directory")) {
                values.add(value == null ? "" : value.strip());
            }
        } catch (IOException | ConfigInvalidException | IllegalArgumentException e) {
            // git would refuse to run with a broken configuration; here it simply trusts nothing from it
        }
    }
}

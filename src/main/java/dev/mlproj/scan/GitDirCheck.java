package dev.mlproj.scan;

import dev.mlproj.io.SafeFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Checks a git directory before JGit is handed it. JGit reads HEAD, packed-refs, the index, the config and
 * the files its {@code include.path} names, {@code objects/info/alternates} and every loose ref and object
 * with plain opens: a named pipe there blocks forever, a device (or a link to one, or to
 * {@code /proc/self/pagemap}) never ends, and a huge file fills the heap. Everything JGit may open is
 * looked at first without following links: each must be a directory or a regular file under its cap, and a
 * link must lead to one inside the git directory. Anything else refuses the repository with a message that
 * names the file and what it is.
 */
final class GitDirCheck {

    /** HEAD, commondir, gitdir, shallow, a loose ref, a ".git" file: a line or a few. */
    static final long SMALL_FILE = 64 * 1024;
    /** The config and the files it includes. */
    static final long CONFIG_FILE = 4L << 20;
    /** packed-refs and the index, which JGit holds in memory whole. */
    static final long BIG_FILE = 256L << 20;
    /** Directories below a git directory's refs/ deeper than this are refused (git's own are 3-4 deep). */
    static final int MAX_REF_DEPTH = 64;
    /** Alternates of alternates, and includes of includes, followed at most this deep (JGit's own bound is 10). */
    static final int MAX_CHAIN = 5;

    /** A git directory mlproj will not hand to JGit; the message names the file and why. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * A ".git" file naming a git directory that is not this work tree's own (another work tree's, another
     * repository's): its history is never reported as this one's.
     */
    static final class NotOwn extends IOException {
        private static final long serialVersionUID = 1L;

        NotOwn(String message) {
            super(message);
        }
    }

    private final Path gitDir;
    private final Path realGitDir;
    private long entries;

    private GitDirCheck(Path gitDir) throws IOException {
        this.gitDir = gitDir;
        this.realGitDir = gitDir.toRealPath();
    }

    /** Checks {@code gitDir} (a work tree's .git directory, a linked work tree's, or a bare repository). */
    static void check(Path gitDir) throws IOException {
        new GitDirCheck(gitDir).run(0);
    }

    /**
     * The ".git" file of a linked work tree or a submodule, read the safe way: at most {@link #SMALL_FILE}
     * bytes, a regular file, never through a link.
     */
    static String readDotGitFile(Path dotGit) throws IOException {
        try {
            return new String(SafeFiles.read(dotGit, SMALL_FILE, SafeFiles.Links.REFUSE), StandardCharsets.UTF_8);
        } catch (SafeFiles.Refused e) {
            throw new Refused(dotGit + ": " + e.reason());
        }
    }

    /** A small file of a git directory (HEAD, commondir, gitdir), read the safe way. */
    static String readSmall(Path file) throws IOException {
        try {
            return new String(SafeFiles.read(file, SMALL_FILE, SafeFiles.Links.REFUSE), StandardCharsets.UTF_8);
        } catch (SafeFiles.Refused e) {
            throw new Refused(file + ": " + e.reason());
        }
    }

    /**
     * Whether {@code dir} looks like a git directory (a bare repository, or the inside of one), judged
     * without opening anything: JGit's own test reads HEAD, which blocks when HEAD is a named pipe.
     */
    static boolean looksLikeGitDir(Path dir) {
        return Files.isDirectory(dir.resolve("objects"), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(dir.resolve("refs"), LinkOption.NOFOLLOW_LINKS)
                && Files.exists(dir.resolve("HEAD"), LinkOption.NOFOLLOW_LINKS);
    }

    private void run(int chain) throws IOException {
        file("HEAD", SMALL_FILE);
        file("commondir", SMALL_FILE);
        file("gitdir", SMALL_FILE);
        file("shallow", BIG_FILE);
        file("packed-refs", BIG_FILE);
        file("index", BIG_FILE);
        file("config", CONFIG_FILE);
        file("info/exclude", FileInventory.MAX_IGNORE_BYTES);
        tree("refs", SMALL_FILE);
        tree("objects", Long.MAX_VALUE); // loose objects and packs: JGit streams them, so only their type matters
        includes(gitDir.resolve("config"), 0);
        alternates(gitDir.resolve("objects"), chain);
    }

    /** One file JGit may open: absent, or a regular file (or a link to one inside the git directory) under {@code cap}. */
    private void file(String name, long cap) throws IOException {
        Path path = gitDir.resolve(name);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        regular(path, attrs, cap);
    }

    private void regular(Path path, BasicFileAttributes attrs, long cap) throws IOException {
        Path target = path;
        if (attrs.isSymbolicLink()) {
            target = insideLink(path);
            attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        if (!attrs.isRegularFile()) {
            throw new Refused(path + " " + SafeFiles.describe(target, attrs) + ", not a regular file; the git directory is not read");
        }
        if (attrs.size() > cap) {
            throw new Refused(path + " is " + attrs.size() + " bytes, over the " + cap + "-byte limit; the git directory is not read");
        }
    }

    /** Where a link in the git directory leads; a link that leads out of it (or nowhere) is refused. */
    private Path insideLink(Path link) throws IOException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            throw new Refused(link + " is a broken or looping symbolic link; the git directory is not read");
        }
        if (!target.startsWith(realGitDir)) {
            throw new Refused(link + " is a symbolic link to outside the git directory (" + target + "); the git directory is not read");
        }
        return target;
    }

    /** Every file under a directory of the git directory, walked without recursion and without following links. */
    private void tree(String name, long cap) throws IOException {
        Path top = gitDir.resolve(name);
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes topAttrs = Files.readAttributes(top, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (topAttrs.isSymbolicLink()) {
            top = insideLink(top);
            topAttrs = Files.readAttributes(top, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        if (!topAttrs.isDirectory()) {
            throw new Refused(gitDir.resolve(name) + " " + SafeFiles.describe(top, topAttrs) + ", not a directory; the git directory is not read");
        }
        record Level(Path dir, int depth) { }
        Deque<Level> pending = new ArrayDeque<>();
        pending.push(new Level(top, 0));
        while (!pending.isEmpty()) {
            Level level = pending.pop();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(level.dir())) {
                for (Path child : children) {
                    if (++entries > 10_000_000) {
                        throw new Refused(gitDir + " holds more than 10,000,000 files; the git directory is not read");
                    }
                    BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attrs.isDirectory()) {
                        if (level.depth() + 1 > MAX_REF_DEPTH) {
                            throw new Refused(child + ": directories nested more than " + MAX_REF_DEPTH
                                    + " deep; the git directory is not read");
                        }
                        pending.push(new Level(child, level.depth() + 1));
                    } else {
                        regular(child, attrs, cap);
                    }
                }
            }
        }
    }

    /** The files a config includes ({@code [include] path = ...}, {@code [includeIf "..."] path = ...}), which JGit reads too. */
    private void includes(Path config, int depth) throws IOException {
        if (!Files.isRegularFile(config, LinkOption.NOFOLLOW_LINKS) && depth == 0) {
            return;
        }
        if (depth > MAX_CHAIN) {
            throw new Refused(config + ": includes nested more than " + MAX_CHAIN + " deep; the git directory is not read");
        }
        String text;
        try {
            text = new String(SafeFiles.read(config, CONFIG_FILE, SafeFiles.Links.FOLLOW), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return; // a missing include is ignored, by git and JGit alike
        } catch (SafeFiles.Refused e) {
            throw new Refused(config + ": " + e.reason() + "; the git directory is not read");
        }
        boolean inInclude = false;
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                String section = line.substring(1).toLowerCase(Locale.ROOT);
                inInclude = section.startsWith("include]") || section.startsWith("include ") || section.startsWith("includeif");
                int close = line.indexOf(']');
                line = close < 0 ? "" : line.substring(close + 1).strip();
            }
            if (!inInclude || line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || !line.substring(0, eq).strip().equalsIgnoreCase("path")) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.isEmpty()) {
                continue;
            }
            Path included;
            if (value.startsWith("~/")) {
                included = Path.of(System.getProperty("user.home")).resolve(value.substring(2));
            } else {
                included = config.toAbsolutePath().getParent().resolve(value);
            }
            includes(included, depth + 1);
        }
    }

    /** {@code objects/info/alternates}: each object directory it names is read by JGit, and checked the same way. */
    private void alternates(Path objects, int chain) throws IOException {
        Path file = objects.resolve("info").resolve("alternates");
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (chain >= MAX_CHAIN) {
            throw new Refused(file + ": alternates chained more than " + MAX_CHAIN + " deep; the git directory is not read");
        }
        String text;
        try {
            text = new String(SafeFiles.read(file, SMALL_FILE, SafeFiles.Links.REFUSE), StandardCharsets.UTF_8);
        } catch (SafeFiles.Refused e) {
            throw new Refused(file + ": " + e.reason() + "; the git directory is not read");
        }
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path other = objects.resolve(line).normalize();
            if (!Files.isDirectory(other)) {
                throw new Refused(file + " names " + other + ", which is not a directory; the git directory is not read");
            }
            GitDirCheck nested = new GitDirCheck(other);
            nested.tree(".", Long.MAX_VALUE);
            nested.alternates(other, chain + 1);
        }
    }
}

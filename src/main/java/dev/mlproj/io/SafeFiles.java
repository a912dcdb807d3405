package dev.mlproj.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way mlproj opens a file it reads: bounded, regular files only, and no blocking on special files.
 * The file's type is checked without following links before it is opened, so a named pipe or a device is
 * refused instead of opened (opening a pipe blocks until a writer comes; a device never ends), and the cap
 * is applied to the bytes actually read, never to {@code Files.size} (which is 0 for a device and can
 * change while the file is read).
 *
 * <p>Two ways to treat a symbolic link: a file found in a repository ({@link Links#REFUSE}) is never read
 * through a link, since a link planted there can lead anywhere; a file the user named on the command line
 * ({@link Links#FOLLOW}) is resolved, as the shell would, but what it leads to must still be a regular file.
 */
public final class SafeFiles {

    /** What to do with a symbolic link at the path read. */
    public enum Links {
        /** A link is refused: the file was found in a repository and a link there may lead anywhere. */
        REFUSE,
        /** A link is resolved (the user named the path), but what it leads to must be a regular file. */
        FOLLOW
    }

    /** A file refused before it was read: not a regular file, a link, or over the cap. The message says which. */
    public static final class Refused extends FileSystemException {
        private static final long serialVersionUID = 1L;

        public Refused(String file, String reason) {
            super(file, null, reason);
        }

        /** Just the reason, without the file name (callers put the file in their own message). */
        public String reason() {
            return getReason();
        }
    }

    private SafeFiles() {
    }

    /**
     * The bytes of {@code file}, at most {@code cap} of them.
     *
     * @throws NoSuchFileException when nothing is there
     * @throws Refused             when it is not a regular file (a directory, pipe, device, socket), is a link
     *                             and links are refused, or holds more than {@code cap} bytes
     * @throws IOException         when it cannot be read
     */
    public static byte[] read(Path file, long cap, Links links) throws IOException {
        Path opened = check(file, links);
        long size = Files.size(opened);
        if (size > cap) {
            throw new Refused(file.toString(), "is " + size + " bytes, over the " + cap + " limit");
        }
        OpenOption[] options = links == Links.REFUSE
                ? new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS}
                : new OpenOption[] {StandardOpenOption.READ};
        try (SeekableByteChannel channel = Files.newByteChannel(opened, options);
             InputStream in = Channels.newInputStream(channel)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (content.length > cap) {
                throw new Refused(file.toString(), "grew over the " + cap + " limit while being read");
            }
            return content;
        }
    }

    /**
     * {@link #read} decoded as strict UTF-8 (a leading byte-order mark dropped).
     *
     * @throws java.nio.charset.CharacterCodingException when the bytes are not UTF-8
     */
    public static String readUtf8(Path file, long cap, Links links) throws IOException {
        byte[] bytes = read(file, cap, links);
        String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Checks what {@code file} is without opening it: the path to open (the link's target when links are
     * followed), which is a regular file.
     */
    public static Path check(Path file, Links links) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path target = file;
        if (attrs.isSymbolicLink()) {
            if (links == Links.REFUSE) {
                throw new Refused(file.toString(), "is a symbolic link, which is not followed");
            }
            try {
                target = file.toRealPath();
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(file.toString(), null, "a symbolic link to nothing");
            } catch (FileSystemException e) {
                throw new Refused(file.toString(), "is a broken or looping symbolic link");
            }
            attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        if (!attrs.isRegularFile()) {
            throw new Refused(file.toString(), describe(target, attrs) + (target == file ? "" : " behind a symbolic link")
                    + ", not a regular file");
        }
        return target;
    }

    /** What a path that is not a regular file is, in words: "is a directory", "is a named pipe", ... */
    public static String describe(Path path, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) {
            return "is a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            switch (mode) {
                case 0010000: return "is a named pipe";
                case 0020000: return "is a character device";
                case 0060000: return "is a block device";
                case 0140000: return "is a socket";
                default: break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view: fall through
        }
        return "is a special file";
    }

    /** A one-line reason for a failed read, for messages: the refusal's own words, or the exception's kind. */
    public static String why(IOException e) {
        if (e instanceof Refused r) {
            return r.reason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return "cannot be read (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }
}

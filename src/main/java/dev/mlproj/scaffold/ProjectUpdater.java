package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mlproj update}: renders a generated project again from the answers in its scaffold record with
 * the current templates, and brings each file along. A file the template did not change is left alone; one
 * the author never touched is refreshed; one both changed is merged line by line (JGit's merge, conflict
 * markers where both changed the same lines), against a base that is the file as it was generated: the
 * same template rendered at the recorded version (when that library is given), or the generated blob
 * found in the project's git history by the id the record keeps. Without a base both versions are kept
 * between conflict markers. Nothing is ever dropped silently.
 */
public final class ProjectUpdater {

    /** What update does, or would do, to one file. */
    public enum Action {
        /** the template renders what was recorded: nothing to do */
        CURRENT("current"),
        /** the author never changed it: replaced by the new template output */
        REFRESHED("refreshed"),
        /** both changed, on different lines: merged cleanly */
        MERGED("merged"),
        /** both changed the same lines: written with conflict markers */
        CONFLICT("conflict"),
        /** new in the template: created */
        CREATED("created"),
        /** the new template output is already there */
        ALREADY("already up to date"),
        /** the author deleted a file the template changed: not restored */
        DELETED_BY_YOU("deleted by you; not restored"),
        /** a new template file whose path holds a file mlproj did not generate: left alone */
        OCCUPIED("exists and was not generated; left alone"),
        /** recorded from an older template that no longer renders it: left as it is */
        DROPPED_FROM_TEMPLATE("no longer in the template; left as it is"),
        /** added by {@code next}, whose answers are not recorded: not re-rendered */
        NOT_RENDERED("added by next; not updated");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        boolean writes() {
            return this == REFRESHED || this == MERGED || this == CONFLICT || this == CREATED;
        }
    }

    /** @param detail where the merge base came from, or why a file was left alone; may be empty */
    public record FileUpdate(String path, Action action, String detail, byte[] content) { }

    /**
     * @param behind true when the project differs from what the current templates render (what --check reports)
     */
    public record Plan(String fromVersion, String toVersion, List<FileUpdate> files, ScaffoldRecord record, boolean behind) {

        public List<FileUpdate> writes() {
            return files.stream().filter(f -> f.action().writes()).toList();
        }

        public boolean conflicts() {
            return files.stream().anyMatch(f -> f.action() == Action.CONFLICT);
        }
    }

    private ProjectUpdater() {
    }

    /**
     * Plans the update of the project at {@code root}; writes nothing.
     *
     * @param library     the templates to update to
     * @param baseLibrary the templates at the recorded version, or null: renders the merge bases
     * @throws ScaffoldException refused (no record, no answers) or unreadable
     */
    public static Plan plan(Path root, TemplateLibrary library, TemplateLibrary baseLibrary) throws ScaffoldException, ConfigException {
        ScaffoldRecord record;
        try {
            record = ScaffoldRecord.read(root);
        } catch (IOException e) {
            throw ScaffoldException.refused(e.getMessage());
        }
        if (record.files().isEmpty()) {
            throw ScaffoldException.refused(root + ": no " + ScaffoldRecord.PATH + "; update works on projects made by `mlproj new`");
        }
        ScaffoldRecord.Answers answers = record.answers();
        if (answers == null) {
            throw ScaffoldException.refused(root.resolve(ScaffoldRecord.PATH) + ": records no answers (written by an mlproj before"
                    + " update existed), so the project cannot be rendered again; generate it anew and copy your files over");
        }
        String toVersion = library.version();
        List<PlannedFile> rendered = new SkeletonPlanner(library).skeleton(answers.level(), answers.focus(), answers.variables());
        Map<String, byte[]> bases = new LinkedHashMap<>();
        if (baseLibrary != null) {
            for (PlannedFile f : new SkeletonPlanner(baseLibrary).skeleton(answers.level(), answers.focus(), answers.variables())) {
                bases.put(f.path(), f.content());
            }
        }
        List<FileUpdate> updates = new ArrayList<>();
        List<ScaffoldRecord.Entry> entries = new ArrayList<>();
        boolean behind = !toVersion.equals(answers.templateVersion());
        String newCommand = record.files().stream().map(ScaffoldRecord.Entry::command).filter(c -> c.startsWith("new")).findFirst()
                .orElse("new --level " + answers.level() + (answers.focus() == null ? "" : " --focus " + answers.focus()));
        List<String> renderedPaths = new ArrayList<>();
        try (GitBlobs blobs = GitBlobs.open(root)) {
            for (PlannedFile template : rendered) {
                renderedPaths.add(template.path());
                ScaffoldRecord.Entry entry = record.entry(template.path());
                byte[] current = read(root, template.path());
                ScaffoldRecord.Entry newEntry = ScaffoldRecord.entry(template, newCommand);
                String templateHash = ScaffoldRecord.sha256(template.content());
                if (entry == null) {
                    behind = true;
                    if (current == null) {
                        updates.add(new FileUpdate(template.path(), Action.CREATED, "", template.content()));
                        entries.add(newEntry);
                    } else if (ScaffoldRecord.sha256(current).equals(templateHash)) {
                        updates.add(new FileUpdate(template.path(), Action.ALREADY, "", null));
                        entries.add(newEntry);
                    } else {
                        updates.add(new FileUpdate(template.path(), Action.OCCUPIED, "", null));
                    }
                    continue;
                }
                if (templateHash.equals(entry.sha256())) {
                    updates.add(new FileUpdate(template.path(), Action.CURRENT, "", null));
                    entries.add(entry);
                    continue;
                }
                behind = true;
                entries.add(newEntry);
                if (current == null) {
                    updates.add(new FileUpdate(template.path(), Action.DELETED_BY_YOU, "", null));
                } else if (ScaffoldRecord.sha256(current).equals(templateHash)) {
                    updates.add(new FileUpdate(template.path(), Action.ALREADY, "", null));
                } else if (ScaffoldRecord.sha256(current).equals(entry.sha256())) {
                    updates.add(new FileUpdate(template.path(), Action.REFRESHED, "", template.content()));
                } else {
                    updates.add(merge(template, current, entry, bases, blobs, toVersion));
                }
            }
        }
        for (ScaffoldRecord.Entry e : record.files()) {
            if (renderedPaths.contains(e.path())) {
                continue;
            }
            boolean fromNew = e.command().startsWith("new");
            if (fromNew) {
                behind = true;
            }
            updates.add(new FileUpdate(e.path(), fromNew ? Action.DROPPED_FROM_TEMPLATE : Action.NOT_RENDERED, "", null));
            if (!fromNew) {
                entries.add(e); // next's files stay recorded, so assess still knows them
            }
        }
        ScaffoldRecord updated = new ScaffoldRecord(entries,
                new ScaffoldRecord.Answers(toVersion, answers.level(), answers.focus(), answers.variables()));
        return new Plan(answers.templateVersion(), toVersion, updates, updated, behind);
    }

    /** Three-way merge of the author's file and the new template output over the generated text. */
    private static FileUpdate merge(PlannedFile template, byte[] current, ScaffoldRecord.Entry entry, Map<String, byte[]> bases,
                                    GitBlobs blobs, String toVersion) {
        byte[] base = bases.get(template.path());
        String source;
        if (base != null && ScaffoldRecord.sha256(base).equals(entry.sha256())) {
            source = "base: the recorded template version";
        } else {
            base = blobs.find(entry.blob());
            source = base != null ? "base: the generated file in git history" : null;
        }
        if (base == null) {
            base = new byte[0];
            source = "no base found (not committed, no --base-templates): both versions kept";
        }
        MergeResult<RawText> result = new MergeAlgorithm().merge(RawTextComparator.DEFAULT,
                new RawText(base), new RawText(current), new RawText(template.content()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, result, Arrays.asList("generated", "yours", "template " + toVersion),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return new FileUpdate(template.path(), result.containsConflicts() ? Action.CONFLICT : Action.MERGED, source, out.toByteArray());
    }

    /**
     * Writes the planned files and the new record, each file replaced atomically (a sibling temporary
     * file moved over it); a file behind a symbolic link is refused before anything is written.
     */
    public static void apply(Path root, Plan plan) throws ScaffoldException {
        List<PlannedFile> files = new ArrayList<>();
        for (FileUpdate f : plan.writes()) {
            files.add(new PlannedFile(f.path(), f.content(), "update", List.of()));
        }
        files.add(new PlannedFile(ScaffoldRecord.PATH, plan.record().toJson("mlproj update"), "mlproj", List.of()));
        for (PlannedFile f : files) {
            Path target = root.resolve(f.path());
            if (ScaffoldRecord.passesThroughLink(root, f.path()) || Files.isSymbolicLink(target)) {
                throw ScaffoldException.refused(f.path() + ": a symbolic link on the way; nothing was written");
            }
        }
        for (PlannedFile f : files) {
            Path target = root.resolve(f.path());
            Path tmp = null;
            try {
                Files.createDirectories(target.getParent());
                tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".mlproj-update");
                Files.write(tmp, f.content());
                try {
                    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                try {
                    if (tmp != null) {
                        Files.deleteIfExists(tmp);
                    }
                } catch (IOException ignored) {
                    // the message below names the file; a leftover temporary file is named .NAME.*.mlproj-update
                }
                throw ScaffoldException.failed(f.path() + ": could not be written: " + e.getMessage());
            }
        }
    }

    private static byte[] read(Path root, String relative) throws ScaffoldException {
        Path file = root.resolve(relative);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || ScaffoldRecord.passesThroughLink(root, relative)) {
            throw ScaffoldException.refused(relative + ": not a regular file inside the project (a link or a directory); nothing was written");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ScaffoldException.failed(relative + ": could not be read: " + e.getMessage());
        }
    }

    /** The project's git object database, when it has one: where generated files are found by blob id. */
    private static final class GitBlobs implements AutoCloseable {

        private final Repository repository;

        private GitBlobs(Repository repository) {
            this.repository = repository;
        }

        static GitBlobs open(Path root) {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(root.toFile());
            if (builder.getGitDir() == null) {
                return new GitBlobs(null);
            }
            try {
                return new GitBlobs(builder.build());
            } catch (IOException | IllegalArgumentException e) {
                return new GitBlobs(null);
            }
        }

        byte[] find(String blob) {
            if (repository == null || blob == null || !ObjectId.isId(blob)) {
                return null;
            }
            try {
                ObjectId id = ObjectId.fromString(blob);
                if (!repository.getObjectDatabase().has(id)) {
                    return null;
                }
                ObjectLoader loader = repository.open(id);
                if (loader.getSize() > SkeletonPlanner.MAX_TEMPLATE_BYTES) {
                    return null;
                }
                return loader.getBytes();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public void close() {
            if (repository != null) {
                repository.close();
            }
        }
    }
}

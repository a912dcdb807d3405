package dev.mlproj.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects a repository's facts once: inventory, then each readable file read at most once, in parallel,
 * by the analyzer for its kind. Knows nothing of rubrics; it is told which content patterns to look for.
 */
public final class Scanner {

    /** Text files larger than this are sized but not read. */
    public static final long DEFAULT_SIZE_CAP = 4L * 1024 * 1024;
    /** Committed files at least this large, outside LFS and DVC, are reported. */
    static final long LARGE_FILE = 10L * 1024 * 1024;
    /** Enough for any rubric minimum and for the evidence samples; more would only cost time. */
    private static final int MAX_MATCHES_PER_FILE = 5;
    private static final int MAX_WARNINGS = 200;

    private final long sizeCap;
    private final int threads;

    public Scanner(long sizeCap, int threads) {
        this.sizeCap = sizeCap;
        this.threads = Math.max(1, threads);
    }

    public Scanner() {
        this(DEFAULT_SIZE_CAP, Runtime.getRuntime().availableProcessors());
    }

    public RepoFacts scan(Path root, List<PatternQuery> queries) throws ScanException {
        return scan(root, queries, Set.of());
    }

    /**
     * Scans a directory on disk (a work tree or a plain directory).
     *
     * @param excluded paths (relative, '/'-separated) to leave out as if they were absent: at a CI gate,
     *                 generated files nobody has touched earn no credit
     */
    public RepoFacts scan(Path root, List<PatternQuery> queries, Set<String> excluded) throws ScanException {
        try (Listing listing = list(root)) {
            return scan(listing, compile(queries), excluded);
        }
    }

    /**
     * The first half of a scan, which needs no rubric: the directory's files and its git history. Done
     * on its own, it can run while the rubric is still being read.
     */
    public Listing list(Path root) throws ScanException {
        if (!Files.isDirectory(root)) {
            throw new ScanException(root + ": not a directory");
        }
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        GitReader git = GitReader.open(root, warnings);
        ForkJoinPool pool = new ForkJoinPool(threads);
        Listing listing = null;
        try {
            FileSource source = new WorkTreeSource(root, git, warnings, pool);
            List<RepoFile> files = source.files();
            GitFacts history = git == null ? GitFacts.none("not a git work tree") : git.history();
            listing = new Listing(root.toString(), source, files, history, warnings, git);
            return listing;
        } catch (IOException e) {
            throw new ScanException(root + ": could not be read (" + e.getMessage() + ")");
        } finally {
            pool.shutdown();
            if (listing == null && git != null) {
                git.close(); // nobody holds the repository open but a listing
            }
        }
    }

    /** The patterns of a scan, compiled once: also work that can be done while the files are listed. */
    public static Queries compile(List<PatternQuery> queries) {
        return new Queries(queries);
    }

    /** The second half of a scan: every listed file read and analysed, in parallel. */
    public RepoFacts scan(Listing listing, Queries queries, Set<String> excluded) throws ScanException {
        List<RepoFile> files = listing.files;
        if (!excluded.isEmpty()) {
            files = files.stream().filter(f -> !excluded.contains(f.path())).toList();
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return collect(listing.root, listing.source, files, queries, pool, null, listing.warnings, listing.history);
        } finally {
            pool.shutdown();
        }
    }

    /** A directory's files and git history, as {@link #list} found them; holds the repository open until closed. */
    public static final class Listing implements AutoCloseable {
        private final String root;
        private final FileSource source;
        private final List<RepoFile> files;
        private final GitFacts history;
        private final List<String> warnings;
        private final GitReader git; // null outside a work tree
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        private Listing(String root, FileSource source, List<RepoFile> files, GitFacts history, List<String> warnings,
                        GitReader git) {
            this.root = root;
            this.source = source;
            this.files = files;
            this.history = history;
            this.warnings = warnings;
            this.git = git;
        }

        /** The files listed, siblings in name order, depth first. */
        public List<RepoFile> files() {
            return files;
        }

        boolean isClosed() {
            return closed.get();
        }

        /** Closes the repository; once, however often it is called (a listing nobody took may be closed twice). */
        @Override
        public void close() {
            if (git != null && closed.compareAndSet(false, true)) {
                git.close();
            }
        }
    }

    /**
     * Scans the commits of a repository's first-parent history, straight from its object database.
     *
     * @param cache whether files whose blob did not change between commits reuse their facts instead of being
     *              read and analysed again
     */
    public HistoryScan history(Path path, List<PatternQuery> queries, boolean cache) throws ScanException {
        return HistoryScan.open(this, path, compile(queries), cache ? new BlobFactCache() : null);
    }

    int threads() {
        return threads;
    }

    /**
     * The one analysis path of every scan, whatever the files' source: each file analysed (or its cached
     * facts reused), the facts merged in file order, then the facts of the inventory as a whole.
     *
     * @param cache per-blob facts to reuse and fill, or null to analyse every file
     */
    RepoFacts collect(String root, FileSource source, List<RepoFile> files, Queries queries, ForkJoinPool pool,
                      BlobFactCache cache, List<String> warnings, GitFacts history) throws ScanException {
        AtomicInteger read = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        FactStore store;
        try {
            if (cache != null) {
                store = collectCached(source, files, queries, pool, cache, warnings, read, bytes);
            } else if (pool.getParallelism() == 1) {
                // One thread (a batch job): the caller's own, not a pool's worker handed each file and waited on.
                store = new FactStore();
                for (RepoFile file : files) {
                    analyzeFile(source, file, queries, cache, store, warnings, read, bytes);
                }
            } else {
                // An ordered parallel collect merges the workers' stores in file order, so samples are deterministic.
                store = PoolWork.run(pool, () -> files.parallelStream()
                        .collect(FactStore::new,
                                (s, file) -> analyzeFile(source, file, queries, cache, s, warnings, read, bytes),
                                FactStore::merge));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScanException("scan interrupted");
        } catch (ExecutionException e) {
            throw new ScanException("scan failed: " + e.getCause());
        }
        inventoryFacts(files, source, store);
        List<String> bounded = warnings.size() > MAX_WARNINGS
                ? appendOverflow(warnings.subList(0, MAX_WARNINGS), warnings.size() - MAX_WARNINGS) : warnings;
        return new RepoFacts(root, files, store, history, bounded, read.get(), bytes.get());
    }

    private static List<String> appendOverflow(List<String> head, int more) {
        List<String> out = new ArrayList<>(head);
        out.add("... and " + more + " more warnings");
        return out;
    }

    /**
     * A history point's files, most of whose facts the cache holds from earlier points: only the files it does
     * not know are read and analysed (in parallel when there are several), then every file's facts are merged
     * in file order on the caller's thread. A point costs what changed since the points before it, plus one
     * merge of the facts it reuses.
     */
    private FactStore collectCached(FileSource source, List<RepoFile> files, Queries queries, ForkJoinPool pool,
                                    BlobFactCache cache, List<String> warnings, AtomicInteger read, AtomicLong bytes)
            throws InterruptedException, ExecutionException {
        BlobFactCache.FileFacts[] known = new BlobFactCache.FileFacts[files.size()];
        Object[] blobs = new Object[files.size()];
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < known.length; i++) {
            RepoFile file = files.get(i);
            if (file.kind().isText() && file.size() <= cap(file) && (blobs[i] = source.contentId(file)) != null) {
                known[i] = cache.get(file.path(), blobs[i]);
                if (known[i] == null) {
                    unknown.add(i);
                }
            }
        }
        java.util.function.IntConsumer analyse = i -> {
            // The facts of one file alone, kept so that the same blob at the same path is never analysed again.
            RepoFile file = files.get(i);
            FactStore own = new FactStore();
            List<String> ownWarnings = new ArrayList<>(0);
            boolean complete = analyzeContent(source, file, cap(file), queries, own, ownWarnings, read, bytes);
            known[i] = new BlobFactCache.FileFacts(own, ownWarnings);
            if (complete) {
                cache.put(file.path(), blobs[i], known[i]);
            }
        };
        if (unknown.size() < 2 || pool.getParallelism() == 1) {
            unknown.forEach(analyse::accept);
        } else {
            PoolWork.run(pool, () -> {
                unknown.parallelStream().forEach(analyse::accept);
                return null;
            });
        }
        FactStore store = new FactStore();
        for (int i = 0; i < known.length; i++) {
            if (known[i] == null) {
                analyzeFile(source, files.get(i), queries, null, store, warnings, read, bytes); // not cacheable
            } else {
                DocumentAnalyzer.diagramFile(files.get(i), store);
                store.merge(known[i].facts());
                warnings.addAll(known[i].warnings());
            }
        }
        return store;
    }

    /** How much of a file is read at most: notebooks carry their outputs, JSON is parsed whole. */
    private long cap(RepoFile file) {
        return file.kind() == FileKind.NOTEBOOK ? sizeCap * 8 : file.kind() == FileKind.JSON ? sizeCap / 2 : sizeCap;
    }

    private void analyzeFile(FileSource source, RepoFile file, Queries queries, BlobFactCache cache, FactStore store,
                             List<String> warnings, AtomicInteger read, AtomicLong bytes) {
        DocumentAnalyzer.diagramFile(file, store);
        if (!file.kind().isText()) {
            return;
        }
        long cap = cap(file);
        if (file.size() > cap) {
            String why = file.size() + " bytes, over the " + cap + "-byte cap";
            store.add(FactType.SKIPPED_FILE, "too large", Evidence.ofFile(file.path(), why));
            warnings.add(file.path() + ": not read (" + why + ")");
            return;
        }
        Object blob = cache == null ? null : source.contentId(file);
        if (blob == null) {
            analyzeContent(source, file, cap, queries, store, warnings, read, bytes);
            return;
        }
        BlobFactCache.FileFacts known = cache.get(file.path(), blob);
        if (known == null) {
            // The facts of one file alone, kept so that the same blob at the same path is never analysed again.
            FactStore own = new FactStore();
            List<String> ownWarnings = new ArrayList<>(0);
            boolean complete = analyzeContent(source, file, cap, queries, own, ownWarnings, read, bytes);
            known = new BlobFactCache.FileFacts(own, ownWarnings);
            if (complete) {
                cache.put(file.path(), blob, known);
            }
        }
        store.merge(known.facts());
        warnings.addAll(known.warnings());
    }

    /** Reads and analyses one file's content; false when it could not be read (an error worth retrying). */
    /**
     * Files over the ordinary text cap (notebooks may be up to eight times it) are read and analysed one at a
     * time in the whole process, whatever the threads: a file's bytes, its decoded text and its analysis take
     * several times its size, so two notebooks just under their 32 MiB cap analysed at once ran the heap out
     * (and a batch runs several scans at once). Smaller files are bounded by the cap times the threads.
     */
    private static final java.util.concurrent.Semaphore BIG_FILES = new java.util.concurrent.Semaphore(1);

    private static boolean analyzeContent(FileSource source, RepoFile file, long cap, Queries queries, FactStore store,
                                          List<String> warnings, AtomicInteger read, AtomicLong bytes) {
        if (file.size() <= DEFAULT_SIZE_CAP) {
            return analyzeContentNow(source, file, cap, queries, store, warnings, read, bytes);
        }
        BIG_FILES.acquireUninterruptibly();
        try {
            return analyzeContentNow(source, file, cap, queries, store, warnings, read, bytes);
        } finally {
            BIG_FILES.release();
        }
    }

    private static boolean analyzeContentNow(FileSource source, RepoFile file, long cap, Queries queries, FactStore store,
                                             List<String> warnings, AtomicInteger read, AtomicLong bytes) {
        byte[] content;
        try {
            content = source.read(file, cap);
        } catch (IOException | RuntimeException e) {
            String why = "could not be read: " + (e instanceof dev.mlproj.io.SafeFiles.Refused r ? r.reason() : e.getClass().getSimpleName());
            store.add(FactType.READ_ERROR, "io", Evidence.ofFile(file.path(), why));
            warnings.add(file.path() + ": " + why);
            return false;
        }
        read.incrementAndGet();
        bytes.addAndGet(content.length);
        java.nio.charset.Charset bom = bomCharset(content);
        if (bom == null && looksBinary(content)) {
            String kind = file.kind().name().toLowerCase(Locale.ROOT);
            store.add(FactType.SKIPPED_FILE, "binary", Evidence.ofFile(file.path(), "binary content in a " + kind + " file"));
            warnings.add(file.path() + ": binary content in a " + kind + " file, not analysed");
            return true;
        }
        String text = decode(content, bom);
        try {
            analyzeText(file, text, bom == null ? content : null, queries, store, warnings);
        } catch (RuntimeException | StackOverflowError e) {
            // One odd file must not sink the scan; it is reported as an error instead. A stack overflow is
            // caught too: it can only come from this file's analysis, and the thread's stack unwinds with it.
            String why = "could not be analysed: " + e.getClass().getSimpleName();
            store.add(FactType.READ_ERROR, file.kind().name().toLowerCase(Locale.ROOT), Evidence.ofFile(file.path(), why));
            warnings.add(file.path() + ": " + why);
        }
        return true;
    }

    /**
     * The file's bytes, refusing one that has grown past the cap since it was listed (a log being written,
     * say), so that memory stays bounded whatever happens on disk meanwhile.
     */
    static byte[] readAtMost(Path file, long cap) throws IOException {
        // The inventory listed only regular files and links to regular files inside the root; what is there
        // now is checked again, so a file swapped for a pipe or device since is refused rather than blocking.
        return dev.mlproj.io.SafeFiles.read(file, cap, dev.mlproj.io.SafeFiles.Links.FOLLOW);
    }

    static void analyzeText(RepoFile file, String text, Queries queries, FactStore store, List<String> warnings) {
        analyzeText(file, text, null, queries, store, warnings);
    }

    /** @param utf8 the bytes {@code text} was decoded from as UTF-8, or null: a notebook is parsed from them */
    static void analyzeText(RepoFile file, String text, byte[] utf8, Queries queries, FactStore store, List<String> warnings) {
        String name = file.name();
        if (DependencyParser.isManifest(name)) {
            for (DependencyParser.Declared d : DependencyParser.parse(name, text)) {
                store.add(FactType.DEPENDENCY, d.name(), new Evidence(file.path(), d.line(), d.text()));
            }
        }
        switch (file.kind()) {
            case PYTHON -> {
                PythonCode code = PythonCode.of(text);
                python(file.path(), code, new PythonAnalyzer(file.path(), code, false), queries, store);
            }
            case NOTEBOOK -> notebook(file, text, utf8, queries, store, warnings);
            case YAML -> YamlAnalyzer.analyze(file.path(), text, store);
            case DOCKERFILE -> DockerfileAnalyzer.analyze(file.path(), text, store);
            case JSON -> MiscAnalyzer.json(file, text, store);
            case MARKDOWN -> DocumentAnalyzer.markdown(file, text, store);
            case LATEX -> DocumentAnalyzer.latex(file, text, store);
            case JAVASCRIPT -> MiscAnalyzer.javascript(file, text, store);
            case HTML -> MiscAnalyzer.html(file, text, store);
            case TERRAFORM -> MiscAnalyzer.terraform(file, text, store);
            case HARDWARE -> MiscAnalyzer.hardware(file, text, store);
            case TOML, INI -> MiscAnalyzer.configFile(file, text, store);
            default -> { }
        }
        if (file.kind() == FileKind.TEXT || file.kind() == FileKind.MARKDOWN) {
            MiscAnalyzer.text(file, text, store);
        }
        matchText(file, text, queries, store);
    }

    private static void notebook(RepoFile file, String text, byte[] utf8, Queries queries, FactStore store,
                                 List<String> warnings) {
        if (text.startsWith("version https://git-lfs.github.com/spec/")) {
            // A Git LFS pointer: the notebook itself was never fetched (git lfs pull), so it cannot be judged.
            warnings.add(file.path() + ": LFS pointer, not fetched (run git lfs pull to assess the notebook)");
            store.add(FactType.READ_ERROR, "notebook", Evidence.ofFile(file.path(), "LFS pointer, not fetched"));
            return;
        }
        Notebook notebook;
        try {
            notebook = utf8 == null ? Notebook.parse(text) : Notebook.parse(utf8, text);
        } catch (Notebook.InvalidNotebookException e) {
            warnings.add(file.path() + ": broken notebook, " + e.getMessage());
            store.add(FactType.READ_ERROR, "notebook", Evidence.ofFile(file.path(), "broken notebook: " + e.getMessage()));
            return;
        }
        PythonCode code = PythonCode.of(notebook.codeLines(), notebook.fileLines());
        if (notebook.codeCells() > 0 && !code.isBlank()) {
            store.add(FactType.NOTEBOOK, file.path(), Evidence.ofFile(file.path(),
                    notebook.codeCells() + " code cells, " + notebook.markdownCells() + " markdown cells"));
            if (notebook.hasOutputs()) {
                store.add(FactType.NOTEBOOK_EXECUTED, file.path(), Evidence.ofFile(file.path(), "code cells with outputs"));
            }
        }
        python(file.path(), code, new PythonAnalyzer(file.path(), code, true), queries, store);
    }

    /**
     * Analyses a module (or a notebook's code) and runs the Python-scope queries on it, with one literal pass
     * over the code for both the queries and the module-role signals the analyzer counts.
     */
    private static void python(String path, PythonCode code, PythonAnalyzer analyzer, Queries queries, FactStore store) {
        ScopeQueries scope = queries.python;
        int count = scope.list.size();
        boolean[] wanted = new boolean[scope.patterns.size()];
        boolean any = false;
        boolean testModule = analyzer.isTestFile();
        for (int q = 0; q < count; q++) {
            CompiledQuery query = scope.list.get(q);
            wanted[q] = query.pathMatches(path) && (query.query.inTests() || !testModule)
                    && (query.query.requiredImports().isEmpty() || query.query.requiredImports().stream().anyMatch(analyzer::usesImport));
            any |= wanted[q];
        }
        boolean roles = analyzer.judgesModuleRole();
        if (roles) {
            java.util.Arrays.fill(wanted, count, wanted.length, true);
        }
        PatternSet.Candidates candidates = any || roles ? scope.patterns.candidates(code.text(), wanted) : null;
        analyzer.analyze(store, roles ? analyzer.countRoleSignals(candidates, count) : null);
        if (any) {
            verify(scope, wanted, candidates, store, i -> analyzer.isImportLine(i) ? null : code.lines().get(i),
                    (i, line) -> new Evidence(path, code.lineNumber(i), line));
        }
    }

    /**
     * Runs each wanted query on its candidate lines, in line order, up to {@link #MAX_MATCHES_PER_FILE}
     * matches. A line is tried only with the branches of the query whose literals it holds.
     *
     * @param lineAt the text of a line, or null for a line patterns must not see (an import statement)
     */
    static void verify(ScopeQueries scope, boolean[] wanted, PatternSet.Candidates candidates, FactStore store,
                       java.util.function.IntFunction<String> lineAt,
                       java.util.function.BiFunction<Integer, String, Evidence> evidence) {
        for (int q = 0; q < scope.list.size(); q++) {
            if (!wanted[q]) {
                continue;
            }
            BitSet lines = candidates.lines(q);
            int found = 0;
            for (int i = lines.nextSetBit(0); i >= 0 && found < MAX_MATCHES_PER_FILE; i = lines.nextSetBit(i + 1)) {
                String line = lineAt.apply(i);
                if (line != null && candidates.matches(q, i, line)) {
                    store.addPatternMatch(scope.list.get(q).query.id(), evidence.apply(i, line));
                    found++;
                }
            }
        }
    }

    private static void matchText(RepoFile file, String text, Queries queries, FactStore store) {
        ScopeQueries scope = queries.text;
        boolean[] wanted = new boolean[scope.patterns.size()];
        boolean any = false;
        for (int q = 0; q < wanted.length; q++) {
            wanted[q] = scope.list.get(q).pathMatches(file.path());
            any |= wanted[q];
        }
        if (!any) {
            return;
        }
        PatternSet.Candidates candidates = scope.patterns.candidates(text, wanted);
        // Most files have no candidate line at all: their line starts are never needed.
        LineIndex[] index = new LineIndex[1];
        java.util.function.IntFunction<String> lineAt = i -> {
            if (index[0] == null) {
                index[0] = new LineIndex(text);
            }
            return index[0].line(i);
        };
        verify(scope, wanted, candidates, store, lineAt, (i, line) -> new Evidence(file.path(), i + 1, line));
    }

    /**
     * The compiled queries of one scan (or one history run), by scope: each scope has its own literal
     * automaton, so a file's literal pass walks only the literals that can matter for it.
     */
    public static final class Queries {
        /** PYTHON-scope queries; their pattern set also holds the module-role signals, after the queries. */
        final ScopeQueries python;
        final ScopeQueries text;

        private Queries(List<PatternQuery> queries) {
            this.python = new ScopeQueries(queries, PatternQuery.Scope.PYTHON, PythonAnalyzer.roleSignalPatterns());
            this.text = new ScopeQueries(queries, PatternQuery.Scope.TEXT, List.of());
        }
    }

    /** The queries of one scope and one pattern set over their patterns, in the same order, then any extra patterns. */
    static final class ScopeQueries {
        final List<CompiledQuery> list;
        final PatternSet patterns;

        ScopeQueries(List<PatternQuery> queries, PatternQuery.Scope scope, List<com.google.re2j.Pattern> extra) {
            this.list = queries.stream().filter(q -> q.scope() == scope).map(CompiledQuery::new).toList();
            List<com.google.re2j.Pattern> patterns = new ArrayList<>(list.stream().map(q -> q.query.pattern()).toList());
            patterns.addAll(extra);
            this.patterns = new PatternSet(patterns);
        }
    }

    /** UTF-8 and UTF-16 byte-order marks (pip freeze in PowerShell writes UTF-16); null without one. */
    static java.nio.charset.Charset bomCharset(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    static String decode(byte[] content, java.nio.charset.Charset bom) {
        String text;
        if (bom == null) {
            text = new String(content, StandardCharsets.UTF_8); // malformed bytes become U+FFFD, never an error
        } else {
            int skip = bom == StandardCharsets.UTF_8 ? 3 : 2;
            text = new String(content, skip, content.length - skip, bom);
        }
        return lineFeeds(text);
    }

    /**
     * Line ends as '\n' only: "\r\n" and a lone '\r' (old Mac files) each become one '\n'. Every analyzer
     * splits on '\n', so a CR-only file was one long line (every evidence on line 1), and a CRLF line kept
     * its '\r', which a pattern ending in {@code $} then failed on in one regex engine but not the other.
     */
    static String lineFeeds(String text) {
        int cr = text.indexOf('\r');
        if (cr < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, cr);
        for (int i = cr; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A NUL byte in the first 8 KiB is the usual, and git's, test for binary content. */
    static boolean looksBinary(byte[] content) {
        int n = Math.min(content.length, 8192);
        for (int i = 0; i < n; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> DATASET_EXTENSIONS = Set.of("csv", "tsv", "parquet", "feather", "arrow", "jsonl",
            "ndjson", "xlsx", "xls", "h5", "hdf5", "npy", "npz");

    private static void inventoryFacts(List<RepoFile> files, FileSource source, FactStore store) {
        java.util.Map<String, List<String>> packages = new java.util.HashMap<>();
        for (RepoFile file : files) {
            String name = file.name().toLowerCase(Locale.ROOT);
            if (file.kind() == FileKind.DATA && file.size() > 0) {
                String ext = name.substring(name.lastIndexOf('.') + 1);
                if (DATASET_EXTENSIONS.contains(ext)) {
                    store.add(FactType.DATASET_FILE, ext, Evidence.ofFile(file.path(), file.size() + " bytes"));
                }
            }
            if (file.size() >= LARGE_FILE && source.isCommitted(file)) {
                store.add(FactType.LARGE_FILE_IN_GIT, file.path(), Evidence.ofFile(file.path(), (file.size() / (1024 * 1024)) + " MiB committed to git"));
            }
            if (file.kind() == FileKind.PYTHON) {
                packages.computeIfAbsent(file.directory(), d -> new ArrayList<>()).add(name);
            }
            if (name.equals("mkdocs.yml") || name.equals("mkdocs.yaml") || (name.equals("conf.py") && file.path().contains("doc"))) {
                store.add(FactType.DEVELOPER_DOCS, name.startsWith("mkdocs") ? "mkdocs" : "sphinx", Evidence.ofFile(file.path(), "documentation site configuration"));
            }
        }
        packages.forEach((dir, names) -> {
            if (names.contains("__init__.py") && names.size() >= 2) {
                store.add(FactType.PYTHON_PACKAGE, dir, Evidence.ofFile(dir.isEmpty() ? "." : dir, names.size() + " modules"));
            }
        });
    }

    /** A query with its prefilter and path matcher prepared once. */
    static final class CompiledQuery {
        final PatternQuery query;
        final List<Glob> globs;

        CompiledQuery(PatternQuery query) {
            this.query = query;
            this.globs = query.pathGlobs().isEmpty() ? null : query.pathGlobs().stream().map(Glob::of).toList();
        }

        boolean pathMatches(String path) {
            return globs == null || Glob.anyMatches(globs, path);
        }
    }
}

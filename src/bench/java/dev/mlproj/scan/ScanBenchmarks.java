package dev.mlproj.scan;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scan's hot inner loops on the examples' real files, one file at a time as the scanner sees them:
 * the literal prefilter, the regex verification of candidate lines, Python analysis, notebook parsing
 * and the whole per-file analysis. Throughput is in files per millisecond of one thread.
 * Run: mvn -q -Pbench test-compile exec:exec (src/bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanBenchmarks {

    private List<String> python;
    private List<PythonCode> pythonCode;
    private List<String> notebooks;
    private List<String> markdown;
    private Scanner.Queries queries;
    private boolean[] allQueries;
    private List<PatternSet.Candidates> candidates;

    @Setup
    public void setUp() throws Exception {
        python = BenchInputs.exampleFiles(".py");
        notebooks = BenchInputs.exampleFiles(".ipynb");
        markdown = BenchInputs.exampleFiles(".md");
        pythonCode = python.stream().map(PythonCode::of).toList();
        queries = BenchInputs.builtinQueries();
        // The Python-scope queries and the module-role signals: what one literal pass over a module looks for.
        allQueries = new boolean[queries.python.patterns.size()];
        java.util.Arrays.fill(allQueries, true);
        // The lines the prefilter lets through: what the regex engine really sees.
        candidates = new ArrayList<>();
        for (PythonCode code : pythonCode) {
            candidates.add(queries.python.patterns.candidates(code.text(), allQueries));
        }
    }

    @Benchmark
    public void literalPrefilter(Blackhole bh) {
        for (PythonCode code : pythonCode) {
            bh.consume(queries.python.patterns.candidates(code.text(), allQueries));
        }
    }

    @Benchmark
    public void regexOnCandidateLines(Blackhole bh) {
        for (int f = 0; f < pythonCode.size(); f++) {
            PythonCode code = pythonCode.get(f);
            FactStore store = new FactStore();
            Scanner.verify(queries.python, allQueries, candidates.get(f), store, code.lines()::get,
                    (i, line) -> new Evidence("src/pkg/module.py", i + 1, line));
            bh.consume(store);
        }
    }

    @Benchmark
    public void pythonCodeStrip(Blackhole bh) {
        for (String source : python) {
            bh.consume(PythonCode.of(source));
        }
    }

    @Benchmark
    public void pythonAnalysis(Blackhole bh) {
        for (PythonCode code : pythonCode) {
            FactStore store = new FactStore();
            new PythonAnalyzer("src/pkg/module.py", code, false).analyze(store);
            bh.consume(store);
        }
    }

    @Benchmark
    public void notebookParse(Blackhole bh) throws Notebook.InvalidNotebookException {
        for (String json : notebooks) {
            bh.consume(Notebook.parse(json));
        }
    }

    /** What the scanner does with one file once it is read and decoded: every analyzer and pattern. */
    @Benchmark
    public void wholeFileAnalysis(Blackhole bh) {
        for (String source : python) {
            FactStore store = new FactStore();
            Scanner.analyzeText(new RepoFile("src/pkg/module.py", source.length(), FileKind.PYTHON), source, queries, store, new ArrayList<>());
            bh.consume(store);
        }
        for (String text : markdown) {
            FactStore store = new FactStore();
            Scanner.analyzeText(new RepoFile("docs/notes.md", text.length(), FileKind.MARKDOWN), text, queries, store, new ArrayList<>());
            bh.consume(store);
        }
    }
}

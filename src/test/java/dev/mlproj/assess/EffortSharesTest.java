package dev.mlproj.assess;

import dev.mlproj.scan.Evidence;
import dev.mlproj.scan.FactStore;
import dev.mlproj.scan.FactType;
import dev.mlproj.scan.FileKind;
import dev.mlproj.scan.GitFacts;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.RepoFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Where the effort went, from hand-built facts: file sizes by the area their work belongs to. */
class EffortSharesTest {

    private static RepoFile file(String path, long size) {
        return new RepoFile(path, size, FileKind.of(path.substring(path.lastIndexOf('/') + 1)));
    }

    @Test
    void filesCountForTheAreaTheirWorkBelongsTo() {
        FactStore store = new FactStore();
        store.add(FactType.MODULE_ROLE, "data", Evidence.ofFile("src/clean.py", "4 data signals"));
        store.add(FactType.IMPORT, "great_expectations.core", new Evidence("checks/expect.py", 1, "import great_expectations"));
        store.add(FactType.NN_MODULE, "torch", new Evidence("src/net.py", 3, "class Net(nn.Module)"));
        store.add(FactType.API_ROUTE, "fastapi", new Evidence("app/main.py", 9, "@app.post(\"/predict\")"));
        // a module that trains and serves counts half for each
        store.add(FactType.API_ROUTE, "fastapi", new Evidence("src/net.py", 40, "@app.get(\"/\")"));
        List<RepoFile> files = List.of(file("src/clean.py", 3000), file("checks/expect.py", 1000),
                file("src/net.py", 4000), file("app/main.py", 1000), file("web/index.html", 1000),
                file("README.md", 50_000), file("web/node_modules/lib/x.js", 30_000));
        RepoFacts facts = new RepoFacts("/repo", files, store, GitFacts.none("test"), List.of(), 0, 0);

        Map<String, Double> shares = EffortShares.of(facts);

        // data 4000, models 2000, architecture 1000 + 2000, product 1000 (the README and vendored code count for none)
        assertThat(shares.get("data")).isCloseTo(0.4, within(1e-9));
        assertThat(shares.get("models")).isCloseTo(0.2, within(1e-9));
        assertThat(shares.get("architecture")).isCloseTo(0.3, within(1e-9));
        assertThat(shares.get("product")).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void oneHugeFileCannotDecideAndNothingMeasuredIsAllZero() {
        FactStore store = new FactStore();
        store.add(FactType.WEB_UI, "streamlit", new Evidence("app.py", 1, "st.title"));
        store.add(FactType.MODULE_ROLE, "train", Evidence.ofFile("train.py", "3 train signals"));
        List<RepoFile> files = List.of(file("app.py", 10_000_000), file("train.py", EffortShares.FILE_CAP));
        Map<String, Double> shares = EffortShares.of(new RepoFacts("/repo", files, store, GitFacts.none("t"), List.of(), 0, 0));
        assertThat(shares.get("product")).isCloseTo(0.5, within(1e-9));
        assertThat(shares.get("models")).isCloseTo(0.5, within(1e-9));

        Map<String, Double> none = EffortShares.of(new RepoFacts("/repo", List.of(file("README.md", 100)), new FactStore(),
                GitFacts.none("t"), List.of(), 0, 0));
        assertThat(none.values()).containsOnly(0.0);
    }
}

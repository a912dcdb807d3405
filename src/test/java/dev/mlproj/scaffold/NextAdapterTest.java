package dev.mlproj.scaffold;

import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What next reads from a repository, and when it can (and cannot) wire a service into it. */
class NextAdapterTest {

    @TempDir
    Path tmp;

    private static final String DATA = "tenure,contract,churned\n1,monthly,1\n30,yearly,0\n5,monthly,1\n40,yearly,0\n";

    @Test
    void importsBecomeDistributionsWithoutStdlibOrTheRepositorysOwnModules() throws Exception {
        Path repo = FixtureRepo.git(tmp.resolve("r"))
                .file("analysis.ipynb", "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"import cv2, yaml\\n\", \"from PIL import Image\\n\","
                        + " \"!pip install foo\\n\", \"import helpers\\n\"]}], \"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}")
                .file("helpers.py", "import os\nimport json\nfrom sklearn.linear_model import LogisticRegression\nfrom . import x\n")
                .file("pkg/__init__.py", "")
                .file("pkg/model.py", "import torch.nn as nn\nfrom pkg.helpers import y\nimport google.cloud.storage\n")
                .commit("start").root();
        RepoProfile profile = RepoProfile.read(repo);
        assertThat(profile.imports()).containsExactlyInAnyOrder("cv2", "yaml", "PIL", "sklearn", "torch", "google");
        assertThat(profile.requirements()).containsExactly("opencv-python", "Pillow", "PyYAML", "scikit-learn", "torch",
                "# google: imported, but the import name does not say which distribution; add it by hand");
        assertThat(profile.packages()).containsExactly("pkg");
        assertThat(profile.usesDeepLearning()).isTrue();
        assertThat(profile.dirty()).isFalse();
    }

    @Test
    void aPredictFunctionIsCalledAsItIs() throws Exception {
        Path repo = FixtureRepo.git(tmp.resolve("r"))
                .file("data/train.csv", DATA)
                .file("src/churn/__init__.py", "")
                .file("src/churn/serve.py", "import joblib\n\ndef predict(frame):\n    return joblib.load('models/m.joblib').predict(frame)\n")
                .file("src/churn/train.py", "import pandas as pd\ndf = pd.read_csv('data/train.csv')\ny = df['churned']\n")
                .commit("start").root();
        NextAdapter.Wiring w = NextAdapter.wiring(repo, RepoProfile.read(repo));
        assertThat(w.problem()).isNull();
        assertThat(w.kind()).isEqualTo("function");
        assertThat(w.function().module()).isEqualTo("churn.serve");
        assertThat(w.dataFile()).isEqualTo("data/train.csv");
        assertThat(w.target()).isEqualTo("churned");
    }

    @Test
    void aPickledPipelineIsServedOnRawRowsAndABareModelIsNot() throws Exception {
        FixtureRepo fixture = FixtureRepo.git(tmp.resolve("r")).file("data/train.csv", DATA).file("models/.keep", "");
        Path repo = fixture.root();
        Python.Run made = Python.run(repo, "-c", """
                import pickle
                import pandas as pd
                from sklearn.compose import ColumnTransformer
                from sklearn.ensemble import RandomForestClassifier
                from sklearn.linear_model import LogisticRegression
                from sklearn.pipeline import Pipeline
                from sklearn.preprocessing import OneHotEncoder
                df = pd.read_csv("data/train.csv")
                pipe = Pipeline([("prep", ColumnTransformer([("c", OneHotEncoder(), ["contract"])], remainder="passthrough")),
                                 ("m", LogisticRegression())]).fit(df[["tenure", "contract"]], df["churned"])
                pickle.dump(pipe, open("models/pipeline.pkl", "wb"))
                bare = RandomForestClassifier(n_estimators=3).fit(pd.get_dummies(df[["tenure", "contract"]]), df["churned"])
                pickle.dump(bare, open("models/bare.pkl", "wb"))
                prep = Pipeline([("prep", ColumnTransformer([("c", OneHotEncoder(), ["contract"])]))]).fit(df[["contract"]])
                pickle.dump(prep, open("models/preprocessor.pkl", "wb"))
                """);
        assertThat(made.exitCode()).as(made.output()).isZero();
        assertThat(NextAdapter.isPipeline(repo.resolve("models/pipeline.pkl"))).isTrue();
        assertThat(NextAdapter.isPipeline(repo.resolve("models/bare.pkl"))).isFalse();
        assertThat(NextAdapter.isPipeline(repo.resolve("models/preprocessor.pkl"))).as("preprocessing only").isFalse();

        fixture.file("score.py", "import pickle\nmodel = pickle.load(open('models/bare.pkl', 'rb'))\n");
        NextAdapter.Wiring bare = NextAdapter.wiring(repo, RepoProfile.read(repo));
        assertThat(bare.wired()).isFalse();
        assertThat(bare.problem()).contains("models/bare.pkl", "not a scikit-learn Pipeline ending in a model", "no service is written");

        fixture.file("score.py", "import pickle\nmodel = pickle.load(open('models/pipeline.pkl', 'rb'))\n");
        NextAdapter.Wiring pipeline = NextAdapter.wiring(repo, RepoProfile.read(repo));
        assertThat(pipeline.kind()).isEqualTo("pipeline");
        assertThat(pipeline.modelPath()).isEqualTo("models/pipeline.pkl");
    }

    @Test
    void withoutDataNothingTellsWhatARequestLooksLike() throws Exception {
        Path repo = FixtureRepo.git(tmp.resolve("r"))
                .file("pkg/__init__.py", "")
                .file("pkg/api.py", "def predict(frame):\n    return frame\n")
                .commit("start").root();
        NextAdapter.Wiring w = NextAdapter.wiring(repo, RepoProfile.read(repo));
        assertThat(w.problem()).contains("no CSV data");
    }

    @Test
    void anUncommittedChangeMakesTheTreeDirty() throws Exception {
        FixtureRepo fixture = FixtureRepo.git(tmp.resolve("r")).file("a.py", "import pandas\n").commit("start");
        assertThat(RepoProfile.read(fixture.root()).dirty()).isFalse();
        fixture.file("a.py", "import numpy\n");
        assertThat(RepoProfile.read(fixture.root()).dirty()).isTrue();
    }
}

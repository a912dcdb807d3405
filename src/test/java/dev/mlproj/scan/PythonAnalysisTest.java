package dev.mlproj.scan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PythonAnalysisTest {

    private static FactStore analyze(String path, String source) {
        FactStore store = new FactStore();
        new PythonAnalyzer(path, PythonCode.of(source), false).analyze(store);
        return store;
    }

    @Test
    void commentsAndDocstringsAreRemovedButStringsAndLinesKept() {
        PythonCode code = PythonCode.of("a = '# not a comment'  # comment\n\"\"\"doc\nstring\"\"\"\nb = 1\n");
        assertThat(code.lines()).containsExactly("a = '# not a comment'  ", "\"\"", "", "b = 1", "");
    }

    @Test
    void usedAndUnusedImports() {
        FactStore store = analyze("m.py", """
                import numpy as np
                import os, sys
                from sklearn.model_selection import (
                    train_test_split,
                    KFold as KF,
                )
                from . import sibling
                x = np.zeros(3)
                parts = train_test_split(x)
                print(sys.argv)
                """);
        assertThat(store.byKey(FactType.IMPORT)).containsOnlyKeys("numpy", "sys", "sklearn.model_selection.train_test_split");
        assertThat(store.byKey(FactType.UNUSED_IMPORT)).containsOnlyKeys("os", "sklearn.model_selection.KFold");
    }

    @Test
    void fromImportsNameTheSubmoduleAndAreNeverPatternEvidence() {
        String source = "from google.cloud import aiplatform\nfrom evidently.report import Report\nfrom hyperopt import fmin\n"
                + "aiplatform.init()\nReport()\n";
        PythonAnalyzer analyzer = new PythonAnalyzer("m.py", PythonCode.of(source), false);
        FactStore store = new FactStore();
        analyzer.analyze(store);
        assertThat(store.byKey(FactType.IMPORT)).containsKeys("google.cloud.aiplatform", "evidently.report.Report");
        assertThat(store.byKey(FactType.UNUSED_IMPORT)).containsOnlyKeys("hyperopt.fmin");
        assertThat(analyzer.isImportLine(0)).isTrue();
        assertThat(analyzer.isImportLine(2)).isTrue();
        assertThat(analyzer.isImportLine(3)).isFalse();
    }

    @Test
    void testFunctionsCountOnlyWhenTheyAssert() {
        FactStore store = analyze("tests/test_x.py", """
                import pytest

                def test_real():
                    value = compute()
                    assert value == 3

                def test_raises():
                    with pytest.raises(ValueError):
                        compute(-1)

                def test_nothing():
                    compute()

                def test_trivial():
                    assert True

                def helper():
                    assert 1 == 1
                """);
        assertThat(store.count(FactType.TEST_FUNCTION)).isEqualTo(2);
        assertThat(store.count(FactType.TEST_WITHOUT_ASSERT)).isEqualTo(2);
    }

    @Test
    void testsOutsideTestFilesAreNotTests() {
        assertThat(analyze("src/util.py", "def test_x():\n    assert 1 == 2\n").count(FactType.TEST_FUNCTION)).isZero();
    }

    @Test
    void routesNeedAWebFramework() {
        String app = "from flask import Flask\napp = Flask(__name__)\n@app.route('/predict', methods=['POST'])\ndef predict():\n    return 'x'\n";
        assertThat(analyze("app.py", app).byKey(FactType.API_ROUTE)).containsOnlyKeys("flask");
        assertThat(analyze("app.py", "@app.route('/x')\ndef f():\n    pass\n").count(FactType.API_ROUTE)).isZero();
    }

    @Test
    void aSubclassOfTheAuthorsOwnBaseIsANetworkWhenItBuildsLayersAndHasAForward() {
        FactStore store = analyze("mae.py", """
                import torch
                from torch import nn
                from .base import Backbone

                class MaskedEncoder(Backbone):
                    def __init__(self, dim):
                        super().__init__()
                        self.proj = nn.Linear(dim, dim)

                    def forward(self, x, mask):
                        return self.proj(x * mask)

                class Config(Backbone):
                    def forward(self, x):
                        return x

                class Helper(object):
                    def __init__(self):
                        self.layer = nn.Linear(2, 2)
                """);
        assertThat(store.count(FactType.NN_MODULE)).as("MaskedEncoder only: Config builds no layer, Helper has no forward").isEqualTo(1);
    }

    @Test
    void neuralNetworkClassesNeedAForward() {
        FactStore store = analyze("model.py", """
                import torch
                from torch import nn

                class Encoder(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.fc = nn.Linear(4, 2)

                    def forward(self, x):
                        return self.fc(x)

                class Empty(nn.Module):
                    pass
                """);
        assertThat(store.count(FactType.NN_MODULE)).isEqualTo(1);
    }

    @Test
    void workflowsAndLoadTests() {
        FactStore dag = analyze("dags/retrain.py", "from airflow import DAG\nwith DAG('retrain', schedule='@daily') as dag:\n    pass\n");
        assertThat(dag.byKey(FactType.ORCHESTRATED_WORKFLOW)).containsOnlyKeys("airflow");
        FactStore locust = analyze("locustfile.py", "from locust import HttpUser, task\nclass U(HttpUser):\n    @task\n    def p(self):\n        self.client.get('/')\n");
        assertThat(locust.byKey(FactType.LOAD_TEST)).containsOnlyKeys("locust");
    }

    /** A tool counts at the first line with its signature; a file that imports the tool without using its UI does not. */
    @Test
    void aUserInterfaceNeedsTheToolsSignatureNotJustItsImport() {
        FactStore page = analyze("app/ui.py", "from fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\n"
                + "app = FastAPI()\n\n@app.get('/', response_class=HTMLResponse)\ndef home():\n    return '<h1>hi</h1>'\n");
        assertThat(page.byKey(FactType.WEB_UI)).containsOnlyKeys("fastapi");
        assertThat(page.evidence(FactType.WEB_UI, "fastapi"::equals)).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
        FactStore api = analyze("app/api.py", "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/predict')\n"
                + "def predict():\n    return {'score': 1}\n# HTMLResponse is only named in a comment\n");
        assertThat(api.byKey(FactType.WEB_UI)).isEmpty();
        FactStore streamlit = analyze("app.py", "import streamlit as st\nst.title('Churn')\n");
        assertThat(streamlit.byKey(FactType.WEB_UI)).containsOnlyKeys("streamlit");
    }

    @Test
    void aModuleGetsTheRoleItsCodeMostlyPlays() {
        FactStore train = analyze("src/pkg/engine.py", """
                import torch
                def train(model, loader, optimizer):
                    for epoch in range(3):
                        loss = model(next(iter(loader)))
                        loss.backward()
                        optimizer.step()
                """);
        assertThat(train.byKey(FactType.MODULE_ROLE)).containsOnlyKeys("train");
        FactStore data = analyze("src/pkg/things.py", """
                import pandas as pd
                def load_orders(path):
                    return pd.read_csv(path)
                """);
        assertThat(data.byKey(FactType.MODULE_ROLE)).containsOnlyKeys("data");
        assertThat(analyze("src/pkg/util.py", "def add(a, b):\n    return a + b\n").byKey(FactType.MODULE_ROLE)).isEmpty();
    }

    /** Role signals run on every line of every module: each must have literals, or every line pays a regex. */
    @Test
    void everyModuleRoleSignalHasALiteralPrefilter() {
        for (java.util.regex.Pattern signal : PythonAnalyzer.ROLE_SIGNALS) {
            assertThat(LiteralPrefilter.of(signal.pattern())).as(signal.pattern()).isNotNull();
        }
        assertThat(analyze("src/pkg/metrics.py", """
                from sklearn.metrics import f1_score, roc_auc_score

                def evaluate(model, X, y):
                    scores = model.predict(X)
                    return {"f1": f1_score(y, scores > 0.5), "auc": roc_auc_score(y, scores)}
                """).byKey(FactType.MODULE_ROLE)).containsOnlyKeys("evaluate");
    }
}

import pickle

import numpy as np
import pytest
import torch
from sklearn.ensemble import IsolationForest
from sklearn.linear_model import LogisticRegression
from torch.ao.nn.quantized.dynamic import Linear as QuantizedLinear

from fraud.models import AutoencoderDetector, FraudEnsemble, TransactionAutoencoder, quantize_autoencoder


@pytest.fixture(scope="module")
def data():
    """Normal points live on a 2-d linear subspace of R^6; anomalies do not."""
    rng = np.random.default_rng(0)
    mixing = rng.normal(0, 1, (2, 6))
    normal = (rng.normal(0, 1, (2000, 2)) @ mixing + rng.normal(0, 0.05, (2000, 6))).astype(np.float32)
    anomalies = rng.normal(0, 1.5, (40, 6)).astype(np.float32)
    return normal, anomalies


@pytest.fixture(scope="module")
def detector(data):
    normal, _ = data
    return AutoencoderDetector(hidden_dims=(16, 8), latent_dim=3, epochs=15, batch_size=128,
                               lr=5e-3, seed=0).fit(normal[:1500], normal[1500:])


def test_autoencoder_forward_shape():
    model = TransactionAutoencoder(n_features=14, hidden_dims=(32, 16), latent_dim=8)
    x = torch.randn(5, 14)
    assert model(x).shape == (5, 14)
    assert model.encoder(x).shape == (5, 8)
    assert model.reconstruction_error(x).shape == (5,)


def test_autoencoder_learns_and_flags_anomalies(detector, data):
    normal, anomalies = data
    assert detector.history_[-1] < detector.history_[0]
    assert np.median(detector.score_samples(anomalies)) > 3 * np.median(detector.score_samples(normal))


def test_quantized_model_uses_int8_linear_and_agrees(detector, data):
    normal, anomalies = data
    quantized = detector.quantize()
    modules = list(quantized.model_.modules())
    assert any(isinstance(m, QuantizedLinear) for m in modules)
    assert not any(type(m) is torch.nn.Linear for m in modules)
    x = np.vstack([normal[:200], anomalies])
    corr = np.corrcoef(detector.score_samples(x), quantized.score_samples(x))[0, 1]
    assert corr > 0.95
    # original is untouched
    assert not any(isinstance(m, QuantizedLinear) for m in detector.model_.modules())


def test_quantize_autoencoder_is_smaller():
    model = TransactionAutoencoder(64, hidden_dims=(256, 128), latent_dim=16)
    size = lambda m: len(pickle.dumps(m.state_dict()))  # noqa: E731
    assert size(quantize_autoencoder(model)) < size(model) / 2


def test_ensemble_scores_are_probabilities_and_rank_anomalies(detector, data):
    normal, anomalies = data
    X = np.vstack([normal, anomalies])
    y = np.r_[np.zeros(len(normal)), np.ones(len(anomalies))]
    gbm = LogisticRegression(max_iter=500).fit(X, y)
    iforest = IsolationForest(n_estimators=50, random_state=0).fit(normal)
    ens = FraudEnsemble(gbm, iforest, detector, weights=(0.5, 0.25, 0.25)).calibrate(normal)
    proba = ens.predict_proba(X)
    assert proba.shape == (len(X), 2)
    assert np.all((proba >= 0) & (proba <= 1))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert proba[y == 1, 1].mean() > proba[y == 0, 1].mean() + 0.3

    restored = pickle.loads(pickle.dumps(ens))
    np.testing.assert_allclose(restored.predict_proba(X[:50]), proba[:50], rtol=1e-5)


@pytest.mark.parametrize("weights", [(0.5, 0.5), (0.6, 0.6, -0.2), (0.2, 0.2, 0.2)])
def test_ensemble_rejects_bad_weights(weights):
    with pytest.raises(ValueError):
        FraudEnsemble(None, None, None, weights=weights)

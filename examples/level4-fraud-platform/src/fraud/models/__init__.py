from .autoencoder import AutoencoderDetector, TransactionAutoencoder, quantize_autoencoder
from .ensemble import FraudEnsemble

__all__ = ["AutoencoderDetector", "TransactionAutoencoder", "quantize_autoencoder", "FraudEnsemble"]

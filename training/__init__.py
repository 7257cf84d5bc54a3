"""Model training: dataset assembly, temporal validation, MLflow tracking and promotion gates."""

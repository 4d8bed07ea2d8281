"""The scenario format: models, expressions, loader."""

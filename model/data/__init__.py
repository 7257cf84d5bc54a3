"""Data files bundled with the model package (read with importlib.resources, never written at runtime)."""

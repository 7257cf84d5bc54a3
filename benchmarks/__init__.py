"""Programs that measure Erta's speed and memory; they print figures and write JSON, never assert."""

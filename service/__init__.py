"""The Erta service: database, ingestion, synthetic districts, the `erta` command line."""

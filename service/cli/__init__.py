"""The `erta` command line."""

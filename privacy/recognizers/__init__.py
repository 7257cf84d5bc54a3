"""Erta's recognizers of Uzbek personal data, one per file, each named after its class."""

"""Personal-data protection: identifiers, recognizers, pseudonymisation, the audit log.

Pure: no database, no HTTP, and nothing imports other Erta packages.
"""

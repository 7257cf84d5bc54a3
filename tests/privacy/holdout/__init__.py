"""A held-out, hand-written corpus of teachers' notes with labelled personal data (see README.md)."""

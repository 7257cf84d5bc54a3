"""A hand-written, labelled corpus of teachers' notes with personal data (see README.md)."""

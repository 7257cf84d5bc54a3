"""The Streamlit console. It talks to the Erta API over HTTP and imports no other Erta package."""

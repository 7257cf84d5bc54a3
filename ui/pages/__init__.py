"""The console's pages, one module per role's work; each page is a function `st.navigation` runs."""

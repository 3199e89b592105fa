"""Build glue and browser assets for the course site (MkDocs plugin, runner, Pyodide)."""

"""Run the Pyodide asset build: ``python -m site_src.build --dest site/assets/pyodide``."""

from __future__ import annotations

from site_src.build.cli import main

raise SystemExit(main())

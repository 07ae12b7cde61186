"""Serve the store: exports (``warlog.serve.export``), the HTTP API and dashboard (``warlog.serve.api``).

Nothing is imported here: ``export`` needs only the core install, while ``api`` needs the
``warlog[serve]`` extra (FastAPI), so each is imported where it is used.
"""

__all__: list[str] = []

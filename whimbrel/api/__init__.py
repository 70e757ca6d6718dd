"""The read API and dashboard over a whimbrel store: ``whimbrel serve --db FILE``.

:func:`whimbrel.api.app.create_app` builds the FastAPI app; :func:`whimbrel.api.serve.serve`
runs it with uvicorn. The store is opened read-only: serving never changes it.
"""

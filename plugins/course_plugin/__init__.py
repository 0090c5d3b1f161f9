"""MkDocs plugin for the course "Police Violence against Women Who Use Drugs".

The MkDocs-facing hooks live in :mod:`course_plugin.plugin`; everything else (quiz data model,
loading, rendering, export, site checks) is plain Python that knows nothing about MkDocs.
"""

"""The only code that knows MkDocs and Material for MkDocs: the plugin, its options, and the
repairs and search-worker wiring that depend on Material's markup. Everything else is plain Python.
"""

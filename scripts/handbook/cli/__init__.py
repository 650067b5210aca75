"""One command per job (``python -m handbook --help``); ``./run`` is a thin shim over it.
"""

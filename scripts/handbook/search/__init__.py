"""Search: the index built at build time, synonyms, the Python search box, relevance suite and the worker code.
"""

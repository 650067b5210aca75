"""The handbook's foundations, used by every feature: errors, settings, links, located YAML, front matter,
the content model and where the sources are. Nothing here imports MkDocs (a test enforces it).
"""

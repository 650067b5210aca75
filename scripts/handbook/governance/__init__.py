"""Who the handbook is for and who keeps it current: areas, area markers, glossary, review dates and amendments.
"""

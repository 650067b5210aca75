"""Rules the procedure chapters keep (approval notice, citations, timescales) and how they are applied.
"""

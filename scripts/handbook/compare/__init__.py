"""The Compare pages: concordance, alignments, citations, proposals, word diffs and the pages themselves.
"""

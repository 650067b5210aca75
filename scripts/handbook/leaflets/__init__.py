"""Supplementary leaflets: the library, administrators' commands, Word import and PDFs.
"""

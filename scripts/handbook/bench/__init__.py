"""Benchmarks: synthetic handbooks, search against plain Material, and the cost of leaflet PDFs.
"""

"""Referral flowcharts: loaded and checked from flowcharts/*.yml, then drawn and written out in words.
"""

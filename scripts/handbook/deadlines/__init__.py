"""The deadline calculator: timescales in working days and months, from data/deadlines.yml."""

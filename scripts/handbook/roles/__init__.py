"""The view by role: for each agency the hosted texts name, what they say it must or should do."""

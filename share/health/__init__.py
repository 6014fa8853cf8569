"""Probes for operators: whether the process answers, and whether it can serve."""

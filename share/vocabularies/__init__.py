"""Controlled vocabularies: core processes, school forms and subjects."""

"""Browsing published materials: newest, per vocabulary term, per area, and your own."""

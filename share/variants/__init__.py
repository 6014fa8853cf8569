"""Variants: a material adapted from another (support, challenge, SVA, bildstöd, NPF …)."""

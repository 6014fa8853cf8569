"""Proven experience: formative feedback to a material's author, and public comments."""

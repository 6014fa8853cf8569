"""Proven experience: "Jag har provat" reports and the evidence level they add up to."""

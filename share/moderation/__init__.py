"""Moderation: reports ("Anmäl") of things on materials, the moderators' queue, and the
admin page that reads the audit log."""

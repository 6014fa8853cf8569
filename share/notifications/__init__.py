"""Notifications in Dela itself: what happened to your things, with an unread count."""

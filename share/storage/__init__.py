"""Stored files: content-addressed on disk, typed by content, with derived text and thumbnails."""

"""Search in Swedish across all areas: a Whoosh index that follows the database."""

"""Methods and materials: what teachers share, their files, history and browsing."""

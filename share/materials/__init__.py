"""Methods and materials: what teachers share, its files and its history."""

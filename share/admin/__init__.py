"""Administration: users, areas, units and the vocabularies."""

"""Areas (skolområden) and units (förskolor and skolor): the municipality's structure."""

"""Back-office pages, one module per concept: forms in, services and selectors out."""

"""Back-office forms, one module per concept: they translate input, the services decide."""

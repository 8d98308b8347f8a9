"""`billetterie load_demo`."""

"""The referents' pages, one module per concept; each view is guarded by a rule of permissions.py."""

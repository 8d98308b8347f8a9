"""Writes on named attendees: one module per concept, each use case a `<entity>_<verb>` function."""

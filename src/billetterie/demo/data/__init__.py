"""Paris 2024 reference data shipped with the project (see SOURCES.md)."""

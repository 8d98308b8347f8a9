"""Billetterie populaire: fair distribution of free event tickets to associations."""

__version__ = "0.1.0"

"""Writes of the kennisbank app."""

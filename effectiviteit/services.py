"""Writes of the effectiviteit app."""

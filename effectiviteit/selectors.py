"""Reads of the effectiviteit app."""

"""Reads of the kennisbank app."""

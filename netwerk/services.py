"""Writes of the netwerk app."""

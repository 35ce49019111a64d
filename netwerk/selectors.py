"""Reads of the netwerk app."""

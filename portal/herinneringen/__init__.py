"""Reminders that keep the content current: the ambassadeurs' weekly overview and the
automatic verification of contact persons (README: Herinneringen).

A package of its own, apart from portal.selectors and portal.services: the other apps
import those, while this code reads the other apps (through their public modules).
"""

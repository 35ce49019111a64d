"""Sitemap sections of the netwerk app; portal.urls merges them into /sitemap.xml."""

SITEMAPS: dict = {}

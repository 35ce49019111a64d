"""Sitemap sections of the kennisbank app; portal.urls merges them into /sitemap.xml."""

SITEMAPS: dict = {}

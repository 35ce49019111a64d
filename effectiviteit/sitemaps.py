"""Sitemap sections of the effectiviteit app; portal.urls merges them into /sitemap.xml."""

SITEMAPS: dict = {}

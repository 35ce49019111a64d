"""API endpoints of the kennisbank app, mounted by portal.api under /api/v1/."""

from ninja import Router

router = Router(tags=["kennisbank"])

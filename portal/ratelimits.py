"""Rate limits (django-ratelimit): who counts as one client, how many requests it may
make (the RATELIMIT_* settings) and what it gets beyond that: 429 with a Dutch page, or
for the API a Dutch JSON message.

The limits are read from the settings on every request, so a test or a load test can
set its own; RATELIMIT_ENABLE = False switches them all off.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django_ratelimit import UNSAFE
from django_ratelimit.core import _get_ip, get_usage
from django_ratelimit.decorators import ratelimit

MELDING = (
    "U heeft in korte tijd te veel verzoeken gedaan. Wacht even en probeer het daarna opnieuw."
)
API_MELDING = "Te veel verzoeken in korte tijd. Wacht even en probeer het daarna opnieuw."


def uit_instelling(naam: str):
    """A rate that django-ratelimit reads from the setting ``naam`` at each request."""

    def rate(group, request) -> str:
        return getattr(settings, naam)

    return rate


def adres_en_gebruikersnaam(group, request) -> str:
    """The client's address (see RATELIMIT_IP_META_KEY) with the user name typed in:
    one colleague mistyping does not lock out the rest of the office."""
    naam = request.POST.get("username", "").strip().casefold()[:150]
    return f"{_get_ip(request)}|{naam}"


def inloggen_begrensd(view):
    """The login view with a limit per address and user name, and a wider one per
    address. Only POSTs count: showing the form costs nothing."""
    view = ratelimit(
        group="inloggen", key=adres_en_gebruikersnaam, rate=uit_instelling("RATELIMIT_LOGIN"),
        method="POST",
    )(view)  # fmt: skip
    return ratelimit(
        group="inloggen-adres", key="ip", rate=uit_instelling("RATELIMIT_LOGIN_ADRES"),
        method="POST",
    )(view)  # fmt: skip


controlelink_begrensd = ratelimit(
    group="controlelink", key="ip", rate=uit_instelling("RATELIMIT_CONTROLELINK")
)
foutmelding_begrensd = ratelimit(
    group="foutmelding", key="user_or_ip", rate=uit_instelling("RATELIMIT_FOUTMELDING"),
    method=UNSAFE,
)  # fmt: skip
kerncijfers_begrensd = ratelimit(
    group="kerncijfers", key="user_or_ip", rate=uit_instelling("RATELIMIT_KERNCIJFERS")
)


def _wachttijd(usage: dict | None) -> int:
    if not usage or usage.get("time_left", -1) < 0:
        return 60
    return max(1, math.ceil(usage["time_left"]))


def api_te_veel(wachten: int = 60) -> JsonResponse:
    response = JsonResponse({"fout": API_MELDING, "details": [], "detail": API_MELDING}, status=429)
    response["Retry-After"] = str(wachten)
    return response


def te_veel_verzoeken(request, exception=None):
    """RATELIMIT_VIEW: the answer to a request over a limit."""
    if request.path.startswith("/api/"):
        return api_te_veel()
    response = render(request, "429.html", {"melding": MELDING}, status=429)
    response["Retry-After"] = "60"
    return response


class ApiRatelimitMiddleware:
    """Counts every request to the API (RATELIMIT_API) per user or, anonymous, per
    address, before any work is done for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            usage = get_usage(
                request, group="api", key="user_or_ip", rate=uit_instelling("RATELIMIT_API"),
                increment=True,
            )  # fmt: skip
            if usage is not None and usage["should_limit"]:
                return api_te_veel(_wachttijd(usage))
        return self.get_response(request)

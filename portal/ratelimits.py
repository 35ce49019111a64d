"""Rate limits (django-ratelimit): who counts as one client, how many requests it may
make (the RATELIMIT_* settings) and what it gets beyond that: 429 with a Dutch page, or
for the API a Dutch JSON message.

The limits are read from the settings on every request, so a test or a load test can
set its own; RATELIMIT_ENABLE = False switches them all off.
"""

from __future__ import annotations

import contextlib
import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django_ratelimit import UNSAFE
from django_ratelimit.core import _get_ip, get_usage, is_ratelimited
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
    one colleague mistyping does not lock out the rest of the office. The address is
    read by django-ratelimit's own (private) helper, so it agrees with its "ip" key."""
    naam = request.POST.get("username", "").strip().casefold()[:150]
    return f"{_get_ip(request)}|{naam}"


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


def _inlogpaden() -> set[str]:
    # The portal's login and the admin's own login form: both take a password. A
    # form that is not (or no longer) routed is simply not counted.
    paden = set()
    for naam in ("login", "admin:login"):
        with contextlib.suppress(NoReverseMatch):
            paden.add(reverse(naam))
    return paden


class LimietenMiddleware:
    """The limits that hold for whole groups of paths, checked before any work is done
    for a request: every request to the API (RATELIMIT_API, per user or, anonymous, per
    address) and every login attempt (RATELIMIT_LOGIN per address and user name,
    RATELIMIT_LOGIN_ADRES per address), whichever view answers it."""

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
        elif request.method == "POST" and request.path in _inlogpaden():
            for group, key, naam in (
                ("inloggen", adres_en_gebruikersnaam, "RATELIMIT_LOGIN"),
                ("inloggen-adres", "ip", "RATELIMIT_LOGIN_ADRES"),
            ):
                if is_ratelimited(
                    request, group=group, key=key, rate=uit_instelling(naam), increment=True
                ):
                    return te_veel_verzoeken(request)
        return self.get_response(request)

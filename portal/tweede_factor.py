"""The second step of an editor's login: the code from an authenticator app, or setting
that app up the first time. The admin sends editors here until their session has passed it.
"""

import math
from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from portal import permissions, selectors, services
from portal.forms import CodeForm
from portal.middleware import activiteit_vastleggen

CODE_AFGEWEZEN = (
    "Deze code klopt niet of is al gebruikt. Wacht tot uw app een nieuwe code toont en "
    "vul die in. Na een paar foute codes moet u steeds iets langer wachten."
)


def _afgewezen(form, gebruiker, *, bevestigd: bool) -> None:
    melding = CODE_AFGEWEZEN
    wacht_tot = selectors.tweede_factor_wacht_tot(gebruiker, bevestigd=bevestigd)
    if wacht_tot is not None:
        seconden = math.ceil((wacht_tot - timezone.now()).total_seconds())
        if seconden > 2:
            wachttijd = f"{seconden} seconden" if seconden < 120 else f"{seconden // 60} minuten"
            melding += f" U kunt over {wachttijd} een nieuwe code proberen."
    form.add_error("otp_token", melding)


def _volgende(request) -> str:
    """Where to go after this step: the ``next`` of the request when it stays on this
    site, else the admin."""
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return reverse("admin:index")


def _met_volgende(naam: str, volgende: str) -> str:
    return f"{reverse(naam)}?{urlencode({'next': volgende})}"


def _bevestigd(request, apparaat) -> None:
    # A new session key when the session gains rights, so a key seen before is worth nothing.
    request.session.cycle_key()
    django_otp.login(request, apparaat)
    activiteit_vastleggen(request)


def _niet_nodig(request) -> bool:
    return not permissions.moet_tweede_factor_gebruiken(
        request.user
    ) or permissions.heeft_tweede_factor_bevestigd(request.user)


@sensitive_post_parameters("otp_token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def code_invoeren(request):
    volgende = _volgende(request)
    if _niet_nodig(request):
        return redirect(volgende)
    if not selectors.heeft_tweede_factor(request.user):
        return redirect(_met_volgende("tweede_factor_instellen", volgende))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apparaat = services.tweede_factor_controleren(
            gebruiker=request.user, code=form.cleaned_data["otp_token"]
        )
        if apparaat is not None:
            _bevestigd(request, apparaat)
            return redirect(volgende)
        _afgewezen(form, request.user, bevestigd=True)
    return render(
        request,
        "registration/code_invoeren.html",
        {"form": form, "next": volgende},
        status=400 if form.errors else 200,
    )


def qr_svg(config_url: str) -> str:
    """The otpauth:// address as an inline SVG QR code: no image service, no data URI."""
    qr = segno.make(config_url, error="m")
    svg = qr.svg_inline(scale=5, dark="#000", light="#fff", title="QR-code voor uw app")
    # segno's markup is only the drawing and our own title: nothing from the request.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


def _geheim_als_tekst(apparaat) -> str:
    # Groups of four, as most apps ask for it when typed in by hand.
    tekst = b32encode(apparaat.bin_key).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


@sensitive_post_parameters("otp_token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def code_instellen(request):
    volgende = _volgende(request)
    if _niet_nodig(request):
        return redirect(volgende)
    if selectors.heeft_tweede_factor(request.user):
        return redirect(_met_volgende("tweede_factor", volgende))
    apparaat = services.tweede_factor_voorbereiden(gebruiker=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bevestigd = services.tweede_factor_bevestigen(
            gebruiker=request.user, code=form.cleaned_data["otp_token"]
        )
        if bevestigd is not None:
            _bevestigd(request, bevestigd)
            messages.success(
                request,
                "Uw authenticator-app is ingesteld. Voortaan vraagt het beheer na uw "
                "wachtwoord om een code uit die app.",
            )
            return redirect(volgende)
        _afgewezen(form, request.user, bevestigd=False)
    return render(
        request,
        "registration/code_instellen.html",
        {
            "form": form,
            "next": volgende,
            "qr": qr_svg(apparaat.config_url),
            "geheim": _geheim_als_tekst(apparaat),
        },
        status=400 if form.errors else 200,
    )

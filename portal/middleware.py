"""Session limits (README: Rollen): a login lasts at most SESSION_COOKIE_AGE seconds
however active it is, and an editor's also ends after SESSIE_INACTIEF_MAX seconds idle.

Django's own expiry moves forward whenever the session is saved, so it cannot give a
fixed maximum; the session therefore carries when it started and when it was last used.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from portal import permissions

INGELOGD_OM = "portaal_ingelogd_om"
LAATST_ACTIEF = "portaal_laatst_actief"
# Writing the session on every request would cost a database write each; a minute's
# precision is plenty for a limit of half an hour.
ACTIVITEIT_PRECISIE = 60


def sessie_starten(sender, request, user, **kwargs) -> None:
    """On every login (user_logged_in): the session's clock starts now."""
    nu = int(time.time())
    request.session[INGELOGD_OM] = nu
    request.session[LAATST_ACTIEF] = nu


def activiteit_vastleggen(request) -> None:
    request.session[LAATST_ACTIEF] = int(time.time())


class SessieLimietMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._controleren(request)
        return self.get_response(request)

    def _controleren(self, request) -> None:
        nu = int(time.time())
        sessie = request.session
        begin = sessie.get(INGELOGD_OM)
        # A session without a start time was not made by a login of this portal: end it
        # rather than let it run on without a limit.
        if begin is None or nu - begin >= settings.SESSION_COOKIE_AGE:
            self._beeindigen(
                request,
                "Uw sessie is verlopen; een sessie duurt hoogstens "
                f"{_duur(settings.SESSION_COOKIE_AGE)}. Log opnieuw in.",
            )
            return
        if not permissions.sessie_eindigt_bij_inactiviteit(request.user):
            return
        laatst = sessie.get(LAATST_ACTIEF, begin)
        if nu - laatst >= settings.SESSIE_INACTIEF_MAX:
            self._beeindigen(
                request,
                "U bent uitgelogd omdat u "
                f"{_duur(settings.SESSIE_INACTIEF_MAX)} niets in het portaal hebt gedaan. "
                "Log opnieuw in om verder te gaan.",
            )
            return
        if nu - laatst >= ACTIVITEIT_PRECISIE:
            sessie[LAATST_ACTIEF] = nu

    @staticmethod
    def _beeindigen(request, melding: str) -> None:
        # The request goes on as anonymous: the page then asks for a login as usual.
        logout(request)
        messages.info(request, melding)


def _duur(seconden: int) -> str:
    if seconden % 3600 == 0:
        uren = seconden // 3600
        return "1 uur" if uren == 1 else f"{uren} uur"
    minuten = max(1, round(seconden / 60))
    return "1 minuut" if minuten == 1 else f"{minuten} minuten"

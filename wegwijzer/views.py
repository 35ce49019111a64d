"""The wegwijzer page and its print view: the form's answers in the URL (GET), so a
routekaart can be shared and bookmarked. Neither stores nor logs anything about it."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wegwijzer import selectors
from wegwijzer.forms import VELDEN, WegwijzerForm


def _beantwoord(request):
    """The bound form and, when its answers are valid, the routekaart; (None, None)
    when nothing was asked yet."""
    if not any(veld in request.GET for veld in VELDEN):
        return None, None
    form = WegwijzerForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, selectors.routekaart(antwoorden=form.antwoorden(), gebruiker=request.user)


# never_cache: the URL describes a candidate's situation; no shared cache should keep it.
@never_cache
@require_GET
def index(request):
    form, kaart = _beantwoord(request)
    context = {
        "form": form or WegwijzerForm(),
        "kaart": kaart,
        "querystring": request.GET.urlencode(),
    }
    return render(
        request, "wegwijzer/index.html", context, status=400 if form and not kaart else 200
    )


@never_cache
@require_GET
def afdrukken(request):
    form, kaart = _beantwoord(request)
    if kaart is None:
        # Without valid answers there is nothing to print: the form says what is missing.
        return index(request) if form else redirect("wegwijzer:index")
    context = {"kaart": kaart, "querystring": request.GET.urlencode()}
    return render(request, "wegwijzer/afdrukken.html", context)

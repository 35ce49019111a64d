from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from netwerk import controle as controlelink
from netwerk import export, selectors, services
from netwerk.forms import CorrectieForm, FoutmeldingForm, RegioZoekForm
from portal.models import Regio
from portal.ratelimits import controlelink_begrensd, foutmelding_begrensd
from portal.selectors import OnbekendeWaarde, regio_opzoeken


def _regio_of_404(waarde: str) -> Regio:
    try:
        return regio_opzoeken(waarde)
    except OnbekendeWaarde as exc:
        raise Http404("Deze arbeidsmarktregio bestaat niet.") from exc


@require_GET
def index(request):
    """Pick a region by its name or by a gemeente in it."""
    context = {"regios": selectors.alle_regios(), "form": RegioZoekForm(), "gevonden": None}
    status = 200
    if "q" in request.GET:
        form = RegioZoekForm(request.GET)
        context["form"] = form
        if form.is_valid():
            gevonden = selectors.regios_zoeken(form.cleaned_data["q"])
            if len(gevonden) == 1:
                return redirect("netwerk:regio", regio=gevonden[0].slug)
            context["gevonden"] = gevonden
            if not gevonden:
                form.add_error(
                    "q",
                    f"Geen arbeidsmarktregio gevonden bij ‘{form.cleaned_data['q']}’. Controleer "
                    "de spelling, typ de naam van een grotere gemeente in de buurt of kies "
                    "uw regio uit de lijst hieronder.",
                )
        if not form.is_valid():
            status = 400
    return render(request, "netwerk/index.html", context, status=status)


@require_GET
def regio(request, regio):
    gevonden = _regio_of_404(regio)
    if gevonden.slug != regio:
        doel = reverse("netwerk:regio", args=[gevonden.slug])
        if request.GET:
            doel += "?" + request.GET.urlencode()
        return redirect(doel)
    netwerk = selectors.regio_netwerk(regio=gevonden, gebruiker=request.user, data=request.GET)
    context = {
        "netwerk": netwerk,
        "regio": gevonden,
        "filterform": (netwerk.filter_personen or netwerk.filter_organisaties).form,
        "gefilterd": any(request.GET.get(k) for k in ("soort", "rol", "sector", "instrument")),
        "exportfilters": _exportfilters(request.GET),
    }
    return render(request, "netwerk/regio.html", context, status=200 if netwerk.geldig else 400)


@require_GET
def organisatie(request, sleutel):
    gevonden, personen = selectors.organisatie_met_personen(sleutel=sleutel, gebruiker=request.user)
    if gevonden is None:
        raise Http404("Deze organisatie staat niet in het netwerk.")
    return render(
        request, "netwerk/organisatie.html", {"organisatie": gevonden, "personen": personen}
    )


@login_required
@require_GET
def contactpersoon(request, pk):
    persoon = get_object_or_404(selectors.zichtbare_contactpersonen(request.user), pk=pk)
    return render(request, "netwerk/contactpersoon.html", {"persoon": persoon})


def _fout_melden(request, *, onderwerp, template_context, **doel):
    form = FoutmeldingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.foutmelding_indienen(
            gemeld_door=request.user, melding=form.cleaned_data["melding"], **doel
        )
        messages.success(
            request,
            "Bedankt voor uw melding. De ambassadeur van de regio kijkt ernaar en past de "
            "gegevens zo nodig aan.",
        )
        return redirect(onderwerp.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "netwerk/fout_melden.html",
        {"form": form, "onderwerp": onderwerp, "afgewezen": status == 400, **template_context},
        status=status,
    )


@login_required
@foutmelding_begrensd
@require_http_methods(["GET", "POST"])
def organisatie_fout_melden(request, sleutel):
    gevonden = get_object_or_404(selectors.organisaties(), sleutel=sleutel)
    return _fout_melden(
        request, onderwerp=gevonden, template_context={"soort": "organisatie"}, organisatie=gevonden
    )


@login_required
@foutmelding_begrensd
@require_http_methods(["GET", "POST"])
def contactpersoon_fout_melden(request, pk):
    persoon = get_object_or_404(selectors.zichtbare_contactpersonen(request.user), pk=pk)
    return _fout_melden(
        request, onderwerp=persoon, template_context={"soort": "persoon"}, contactpersoon=persoon
    )


@never_cache
@controlelink_begrensd
@require_http_methods(["GET", "POST"])
def controle(request, token):
    """The page of the verification e-mail: the person confirms or corrects their entry."""
    try:
        persoon = controlelink.token_lezen(token)
    except controlelink.ControlelinkOngeldig as exc:
        return render(
            request, "netwerk/controle_ongeldig.html", {"melding": exc.melding}, status=exc.status
        )
    form = CorrectieForm(
        request.POST if request.POST.get("actie") == "corrigeren" else None,
        initial={
            "naam": persoon.naam,
            "functie": persoon.functie,
            "email": persoon.email,
            "telefoon": persoon.telefoon,
        },
    )
    if request.method == "POST":
        try:
            if request.POST.get("actie") == "bevestigen":
                services.contactpersoon_bevestigen(token=token)
                return render(request, "netwerk/controle_klaar.html", {"bevestigd": True})
            if request.POST.get("actie") == "corrigeren" and form.is_valid():
                services.correctie_indienen(token=token, **form.cleaned_data)
                return render(request, "netwerk/controle_klaar.html", {"bevestigd": False})
        except controlelink.ControlelinkOngeldig as exc:
            return render(
                request,
                "netwerk/controle_ongeldig.html",
                {"melding": exc.melding},
                status=exc.status,
            )
        status = 400
    else:
        status = 200
    response = render(
        request,
        "netwerk/controle.html",
        {"persoon": persoon, "form": form, "afgewezen": status == 400},
        status=status,
    )
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


# Only validated codes go into the export log; the free-text "q" may hold a name.
_GELOGDE_FILTERS = ("soort", "rol", "sector", "instrument")
# What an export carries over from the region page: its filters, nothing else.
_EXPORTFILTERS = (*_GELOGDE_FILTERS, "q")
_FORMATEN = {
    "csv": ("netwerk:export_csv", "CSV (spreadsheet)"),
    "vcard": ("netwerk:export_vcard", "vCard (adresboek)"),
}


def _exportfilters(querydict) -> list[tuple[str, str]]:
    """The filters of a request that an export form passes on, as hidden fields."""
    return [(naam, waarde) for naam in _EXPORTFILTERS for waarde in querydict.getlist(naam)]


def _gelogde_filters(cleaned_data: dict) -> str:
    delen = []
    for naam in _GELOGDE_FILTERS:
        waarde = cleaned_data.get(naam)
        if waarde:
            delen.append(f"{naam}={getattr(waarde, 'slug', waarde)}")
    return "&".join(delen)


def _ongeldige_filter() -> HttpResponse:
    return HttpResponse(
        "Ongeldige filter in de aanvraag; pas de filters aan en probeer het opnieuw.",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def _export(request, regio, *, formaat: str):
    """A download of contact details is logged, so it is a POST with the CSRF token: a
    link on another site cannot make a user's browser write that log. A GET (an old link
    or bookmark) gets a page with the button that asks for the download."""
    gevonden = _regio_of_404(regio)
    data = request.POST if request.method == "POST" else request.GET
    directory = selectors.directory_voor_export(regio=gevonden, gebruiker=request.user, data=data)
    if not directory.is_valid():
        return _ongeldige_filter()
    if request.method != "POST":
        url_naam, omschrijving = _FORMATEN[formaat]
        return render(
            request,
            "netwerk/export_bevestigen.html",
            {
                "regio": gevonden,
                "omschrijving": omschrijving,
                "actie": reverse(url_naam, args=[gevonden.slug]),
                "exportfilters": _exportfilters(request.GET),
            },
        )
    personen = list(directory.qs)
    services.export_registreren(
        gebruiker=request.user,
        regio=gevonden,
        formaat=formaat,
        filters=_gelogde_filters(directory.form.cleaned_data),
        aantal_personen=len(personen),
    )
    datum = timezone.localdate().isoformat()
    if formaat == "csv":
        inhoud, soort, extensie = export.als_csv(personen), "text/csv; charset=utf-8", "csv"
    else:
        inhoud, soort, extensie = export.als_vcard(personen), "text/vcard; charset=utf-8", "vcf"
    response = HttpResponse(inhoud, content_type=soort)
    response["Content-Disposition"] = (
        f'attachment; filename="netwerk-{gevonden.slug}-{datum}.{extensie}"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def export_csv(request, regio):
    return _export(request, regio, formaat="csv")


@login_required
@require_http_methods(["GET", "POST"])
def export_vcard(request, regio):
    return _export(request, regio, formaat="vcard")

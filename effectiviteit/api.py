"""API endpoints of the effectiviteit app, mounted by portal.api under /api/v1/."""

from ninja import Router
from ninja.errors import HttpError
from ninja.security import django_auth

from effectiviteit import selectors, services
from effectiviteit.forms import OngeldigeFilters, filters_lezen
from portal.ratelimits import kerncijfers_begrensd

router = Router(tags=["effectiviteit"])


@router.get(
    "/effectiviteit/kerncijfers",
    auth=django_auth,
    summary="Kerncijfers effectiviteit",
    description=(
        "De cijfers van één cohort (startdatum tussen van en tot, verruimd tot hele "
        "kwartalen). Elk aantal is beschermd met de celsleutelmethode: het wijkt hoogstens 2 "
        'af van het echte aantal, aantallen van 1 tot 4 staan er als "<5", en een cohort '
        "van minder dan 10 krijgt geen uitsplitsing. Filters: regio, van, tot, sector, "
        "doelgroep, aanleverende_partij, alle optioneel; zonder regio (of met "
        "regio=landelijk) heel Nederland. Elke opvraging wordt vastgelegd (zonder de "
        "uitkomst)."
    ),
)
@kerncijfers_begrensd
def kerncijfers(
    request,
    regio: str | None = None,
    van: str | None = None,
    tot: str | None = None,
    sector: str | None = None,
    doelgroep: str | None = None,
    aanleverende_partij: str | None = None,
):
    # Declared so the description lists them; read from the query string as a whole, where
    # an empty regio (given on purpose) means the whole country.
    try:
        filters = filters_lezen(request.GET, gebruiker=request.user, met_standaardregio=False)
    except OngeldigeFilters as exc:
        raise HttpError(400, str(exc)) from exc
    services.cijferopvraging_vastleggen(
        gebruiker=request.user, bron="api", filters=filters.als_dict()
    )
    return {**selectors.kerncijfers(filters), "filters": filters.als_dict()}

"""API endpoints of the effectiviteit app, mounted by portal.api under /api/v1/."""

from ninja import Router
from ninja.errors import HttpError
from ninja.security import django_auth

from effectiviteit import cijfers
from effectiviteit.forms import OngeldigeFilters, filters_lezen
from portal.ratelimits import kerncijfers_begrensd

router = Router(tags=["effectiviteit"])


@router.get(
    "/effectiviteit/kerncijfers",
    auth=django_auth,
    summary="Kerncijfers effectiviteit",
    description=(
        "De cijfers van één cohort (startdatum tussen van en tot), met kleine aantallen "
        'afgeschermd als "<5" of "x". Filters: regio, van, tot, sector, doelgroep, '
        "aanleverende_partij; zonder regio de eerste regio van de gebruiker, regio=landelijk "
        "voor heel Nederland."
    ),
)
@kerncijfers_begrensd
def kerncijfers(request):
    try:
        filters = filters_lezen(request.GET, gebruiker=request.user)
    except OngeldigeFilters as exc:
        raise HttpError(400, str(exc)) from exc
    return {**cijfers.kerncijfers(filters), "filters": filters.als_dict()}

"""The rules an item's values must meet, shared by the model (so the admin applies them)
and the JSON Lines import, so that whatever one accepts the other accepts too."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

EERSTE_JAAR = 1990

# The ages an instrument's criteria and the wegwijzer accept, as the trajectory import does.
LEEFTIJD_MIN = 15
LEEFTIJD_MAX = 67

FOUT_SLUG = "gebruik alleen kleine letters, cijfers en streepjes"
FOUT_UTF8 = "bevat een teken dat geen geldige tekst is (een losse surrogaat)"
FOUT_BESTAND_EN_URL = "een materiaal heeft een bestand óf een externe link, niet allebei"
FOUT_GEEN_BRON = (
    "geef een bestand of een externe link, of beschrijf het materiaal zelf in de inhoud"
)

_webadres = URLValidator(schemes=["http", "https"])


def laatste_jaar() -> int:
    """A praktijkvoorbeeld may be planned for next year, not later."""
    return datetime.date.today().year + 1


def slug_valideren(waarde: str) -> None:
    if not waarde or waarde != slugify(waarde):
        raise ValidationError(f"Ongeldige slug: {FOUT_SLUG}.", code="slug")


def webadres_valideren(waarde: str) -> None:
    try:
        _webadres(waarde)
    except ValidationError:
        raise ValidationError(
            "Geef een volledig webadres dat begint met http:// of https://.", code="webadres"
        ) from None


def webadressen_valideren(waarden: list[str]) -> None:
    for waarde in waarden:
        try:
            webadres_valideren(waarde)
        except ValidationError:
            raise ValidationError(
                f"Ongeldig webadres '{waarde[:60]}': geef een volledig webadres dat begint "
                "met http:// of https://.",
                code="webadres",
            ) from None


def jaar_valideren(waarde: int) -> None:
    if waarde is not None and not EERSTE_JAAR <= waarde <= laatste_jaar():
        raise ValidationError(
            f"Kies een jaartal van {EERSTE_JAAR} tot en met {laatste_jaar()}.", code="jaar"
        )


def is_geldige_tekst(waarde: str) -> bool:
    """False for text the database cannot store: a lone surrogate has no UTF-8 form."""
    try:
        waarde.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def geldigheid_fout(geldig_van, geldig_tot) -> str | None:
    if geldig_van and geldig_tot and geldig_tot < geldig_van:
        return "ligt vóór de datum geldig vanaf"
    return None


def leeftijden_fout(leeftijd_min, leeftijd_max) -> str | None:
    if leeftijd_min is not None and leeftijd_max is not None and leeftijd_max < leeftijd_min:
        return "ligt onder de leeftijd vanaf"
    return None


def materiaalbron_fout(*, heeft_bestand: bool, url: str, inhoud: str) -> str | None:
    """A materiaal is an uploaded file or an external link. The demo's text-only
    materials have neither: that is allowed when the inhoud itself is the material."""
    if heeft_bestand and url:
        return FOUT_BESTAND_EN_URL
    if not heeft_bestand and not url and not inhoud.strip():
        return FOUT_GEEN_BRON
    return None

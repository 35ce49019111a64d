"""Single-line fields refuse control characters."""

import pytest
from django.core.exceptions import ValidationError

from portal.validatie import een_regel_valideren, stuurteken


@pytest.mark.parametrize(
    "waarde",
    ["Anna\rEMAIL:aanvaller@example.org", "Anna\nBakker", "Anna\tBakker", "A\x00", "A\x7f",
     "A\u0085B", "A\u2028B", "Anna \u202eekkab"],
)  # fmt: skip
def test_control_characters_are_refused(waarde):
    with pytest.raises(ValidationError, match="stuurtekens"):
        een_regel_valideren(waarde)


@pytest.mark.parametrize(
    "waarde",
    ["", "Anna de Vries-Bakker", "Ömer Çelik", "Jan 't Hooft", "Zoë (jobcoach) & co.",
     "👩\u200d🔧 monteur", "ROC van Twente, locatie Hengelo"],
)  # fmt: skip
def test_ordinary_names_pass(waarde):
    een_regel_valideren(waarde)
    assert stuurteken(waarde) is None

import pytest
from django.core.exceptions import ValidationError

from netwerk.telefoon import telefoon_internationaal, telefoon_normaliseren


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("053 480 00 12", "053 480 0012"),
        ("053-4800012", "053 480 0012"),
        ("0546 540021", "0546 540 021"),
        ("06-12345678", "06 12345678"),
        ("+31 6 1234 5678", "06 12345678"),
        ("+31 (0)6 12345678", "06 12345678"),
        ("0031 20 123 4567", "020 123 4567"),
        ("088 898 92 95", "088 898 9295"),
        ("0800-1234", "0800 1234"),
        ("0900 1234567", "0900 1234567"),
        ("", ""),
    ],
)
def test_dutch_numbers_are_accepted_and_normalised(invoer, verwacht):
    assert telefoon_normaliseren(invoer) == verwacht


@pytest.mark.parametrize(
    "invoer", ["12345", "06 1234 567", "+32 2 123 45 67", "0612345678x", "0800 12", "bel mij"]
)
def test_other_values_are_refused_in_dutch(invoer):
    with pytest.raises(ValidationError) as fout:
        telefoon_normaliseren(invoer)
    assert "Nederlands telefoonnummer" in fout.value.messages[0]


def test_international_form_for_links():
    assert telefoon_internationaal("06 1234 5678") == "+31612345678"

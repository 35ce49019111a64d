"""What the paged, filtered lists share, on the pages and in the API (README: Pagina's en API).

One page size; the API's pages of it (django-ninja pagination); the API's query parameters
read from the same FilterSets the pages use, so each filter's rules are written once; and
the API's 400 for the Dutch messages of a FilterSet or form.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.paginator import EmptyPage, Paginator
from ninja import Field, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import PaginationBase
from pydantic import create_model

PER_PAGINA = 20


class Paginering(PaginationBase):
    """Numbered pages as on the HTML lists: ``count``, ``page``, ``pages`` and
    ``results``; a page past the last is a 404 that says how many there are."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=10_000, description="Paginanummer, vanaf 1")

    class Output(Schema):
        count: int
        page: int
        pages: int
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        paginator = Paginator(queryset, PER_PAGINA)
        try:
            pagina = paginator.page(pagination.page)
        except EmptyPage:
            raise HttpError(
                404,
                f"Pagina {pagination.page} bestaat niet; er zijn {paginator.num_pages} pagina's.",
            ) from None
        return {
            "count": paginator.count,
            "page": pagina.number,
            "pages": paginator.num_pages,
            "results": pagina.object_list,
        }


def _beschrijving(filter_: django_filters.Filter) -> str:
    tekst = str(filter_.extra.get("help_text") or filter_.label)
    keuzes = filter_.extra.get("choices")
    if isinstance(keuzes, list | tuple):
        return f"{tekst}: {', '.join(str(code) for code, _ in keuzes)}"
    if veld := filter_.extra.get("to_field_name"):
        return f"{tekst} ({veld})"
    return tekst


def filterparameters(filterset: type[django_filters.FilterSet]) -> type[Schema]:
    """The FilterSet's filters as query parameters of an API operation, for its
    description: the FilterSet itself checks the values (with the pages' messages)."""
    velden: dict[str, Any] = {}
    for naam, filter_ in filterset.base_filters.items():
        meer = issubclass(filter_.field_class, forms.MultipleChoiceField)
        lengte = filter_.extra.get("max_length")
        velden[naam] = (
            (list[str] if meer else str) | None,
            Field(
                None,
                description=_beschrijving(filter_),
                json_schema_extra={"maxLength": lengte} if lengte and not meer else None,
            ),
        )
    return create_model(f"{filterset.__name__}Parameters", __base__=Schema, **velden)


def ongeldige_invoer(meldingen: dict[str, str]) -> ValidationError:
    """A form's Dutch message per query parameter, as the API's 400 lists them."""
    return ValidationError([{"loc": ("query", veld), "msg": m} for veld, m in meldingen.items()])

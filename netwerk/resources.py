"""CSV/XLSX import of a region's organisations and persons (django-import-export).

Rows are matched on ``sleutel``: importing a file again updates instead of duplicating.
Every problem is reported per row and field in Dutch, and one invalid row stops the
whole file (``rollback_on_validation_errors``). An ambassadeur imports only into its own
regions, links persons only to organisations of those regions and cannot overwrite
another region's entries. The lookups (regions, sectors, organisations, instruments) are
read once per file in ``before_import``, not per row.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.results import RowResult

from kennisbank import public as kennisbank
from netwerk import selectors
from netwerk.models import Contactpersoon, Organisatie, Organisatiesoort, Rol
from portal import permissions
from portal.models import Regio, Sector
from portal.selectors import regio_index, sector_index, zoek_in_index
from portal.validatie import te_veel_rijen


def _waarden(value) -> list[str]:
    if value is None:
        return []
    return [deel.strip() for deel in str(value).replace(";", ",").split(",") if deel.strip()]


class RegiosWidget(widgets.ManyToManyWidget):
    """Regions by slug or name; only those the importing user may keep."""

    def __init__(self, **kwargs):
        super().__init__(model=Regio, field="slug", **kwargs)
        self.toegestaan: set[int] | None = None
        self.index: dict[str, Regio] | None = None

    def clean(self, value, row=None, **kwargs):
        namen = _waarden(value)
        if not namen:
            raise ValueError("vul ten minste één regio in (slug of naam)")
        index = self.index if self.index is not None else regio_index()
        gevonden = []
        for naam in namen:
            regio = zoek_in_index(index, naam)
            if regio is None:
                raise ValueError(f"onbekende regio '{naam[:80]}'")
            if self.toegestaan is not None and regio.pk not in self.toegestaan:
                raise ValueError(f"u beheert de regio '{regio.naam}' niet")
            gevonden.append(regio)
        return gevonden

    def render(self, value, obj=None, **kwargs):
        return ", ".join(r.slug for r in value.all()) if value is not None else ""


class SectorenWidget(widgets.ManyToManyWidget):
    def __init__(self, **kwargs):
        super().__init__(model=Sector, field="slug", **kwargs)
        self.index: dict[str, Sector] | None = None

    def clean(self, value, row=None, **kwargs):
        index = self.index if self.index is not None else sector_index()
        gevonden = []
        for naam in _waarden(value):
            sector = zoek_in_index(index, naam)
            if sector is None:
                raise ValueError(f"onbekende sector '{naam[:80]}'")
            gevonden.append(sector)
        return gevonden


class InstrumentenWidget(widgets.ManyToManyWidget):
    def __init__(self, **kwargs):
        super().__init__(model=Contactpersoon.instrumenten.field.related_model, field="slug")
        self.index: dict | None = None

    def clean(self, value, row=None, **kwargs):
        slugs = list(dict.fromkeys(s.casefold() for s in _waarden(value)))
        index = self.index if self.index is not None else kennisbank.instrumenten_op_slug(slugs)
        onbekend = [s for s in slugs if s not in index]
        if onbekend:
            raise ValueError(f"onbekend instrument '{onbekend[0][:80]}'")
        return [index[s] for s in slugs]


class RollenWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        rollen = [r.casefold() for r in _waarden(value)]
        onbekend = [r for r in rollen if r not in Rol.values]
        if onbekend:
            raise ValueError(
                f"onbekende rol '{onbekend[0][:80]}'; kies uit {', '.join(Rol.values)}"
            )
        return list(dict.fromkeys(rollen))

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


class OrganisatieSleutelWidget(widgets.ForeignKeyWidget):
    """An organisation by its sleutel; with ``toegestaan`` set, only one of those."""

    def __init__(self, **kwargs):
        super().__init__(Organisatie, field="sleutel", **kwargs)
        self.index: dict[str, Organisatie] | None = None
        self.toegestaan: set[int] | None = None

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return None
        sleutel = str(value).strip()
        if self.index is not None:
            organisatie = self.index.get(sleutel)
        else:
            organisatie = selectors.organisaties_op_sleutel([sleutel]).get(sleutel)
        if organisatie is None:
            raise ValueError(f"onbekende organisatie '{sleutel[:80]}'; gebruik de sleutel")
        if self.toegestaan is not None and organisatie.pk not in self.toegestaan:
            raise ValueError(
                f"de organisatie '{sleutel[:80]}' werkt niet in een regio die u beheert"
            )
        return organisatie


class KeuzeWidget(widgets.Widget):
    """A code of a fixed list, case-insensitively."""

    def __init__(self, keuzes, **kwargs):
        super().__init__(**kwargs)
        self.keuzes = keuzes

    def clean(self, value, row=None, **kwargs):
        code = str(value or "").strip().casefold()
        if code not in self.keuzes.values:
            raise ValueError(
                f"onbekende waarde '{code[:80]}'; kies uit {', '.join(self.keuzes.values)}"
            )
        return code


class JaNeeWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        waarde = str(value if value is not None else "").strip().casefold()
        if waarde in ("", "ja", "j", "1", "true", "waar"):
            return True
        if waarde in ("nee", "n", "0", "false", "onwaar"):
            return False
        raise ValueError("vul ja of nee in")

    def render(self, value, obj=None, **kwargs):
        return "ja" if value else "nee"


class TekstWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class TelefoonWidget(TekstWidget):
    """A spreadsheet stores 0534800012 typed in a cell as the number 534800012 (or
    534800012.0): give such a number its leading 0 back. Validation is the model's."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            cijfers = str(value)
            return "0" + cijfers if len(cijfers) == 9 else cijfers
        return super().clean(value, row, **kwargs)


class _RegioResource(resources.ModelResource):
    """Shared rules: region scoping, all-or-nothing, per-field Dutch errors. A background
    job passes ``voortgang`` to hear of every row read (``gelezen``, ``fouten``)."""

    def __init__(self, gebruiker=None, voortgang: Callable[..., None] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.gebruiker = gebruiker
        self.voortgang = voortgang
        self._fouten = 0
        self.beheerbaar: set[int] | None = None
        if gebruiker is not None and not permissions.mag_alle_regios_beheren(gebruiker):
            self.beheerbaar = permissions.beheerbare_regio_ids(gebruiker)
            self.fields["regios"].widget.toegestaan = self.beheerbaar

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.fields["regios"].widget.index = regio_index()

    def import_data(self, dataset, **kwargs):
        maximum = min(settings.IMPORT_MAX_RIJEN, settings.NETWERK_IMPORT_MAX_RIJEN)
        if len(dataset) > maximum:
            # Refused before a single row is checked: the file as a whole is the error.
            resultaat = self.get_result_class()()
            resultaat.total_rows = len(dataset)
            resultaat.append_base_error(
                self.get_error_result_class()(ValueError(te_veel_rijen(maximum)))
            )
            return resultaat
        kwargs["rollback_on_validation_errors"] = True
        kwargs.setdefault("use_transactions", True)
        return super().import_data(dataset, **kwargs)

    def import_row(self, row, instance_loader, **kwargs):
        resultaat = super().import_row(row, instance_loader, **kwargs)
        if self.voortgang is not None:
            if resultaat.import_type in (
                RowResult.IMPORT_TYPE_INVALID,
                RowResult.IMPORT_TYPE_ERROR,
            ):
                self._fouten += 1
            self.voortgang(gelezen=kwargs["row_number"], fouten=self._fouten)
        return resultaat

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        # The history names the importing user; a background job has no request to take
        # the user from.
        if self.gebruiker is not None:
            instance._history_user = self.gebruiker

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        if instance.pk and self.gebruiker is not None:
            eigen = set(instance.regios.values_list("id", flat=True))
            if not permissions.mag_regio_inhoud_beheren(self.gebruiker, eigen):
                errors["sleutel"] = ValidationError(
                    "deze sleutel hoort bij een regio die u niet beheert"
                )
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as exc:
                    errors[field.attribute] = ValidationError(str(exc))
        if "regios" not in row:
            errors["regios"] = ValidationError("de kolom regios ontbreekt")
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance, row, **kwargs):
        verborgen: set[int] = set()
        if self.gebruiker is not None and not permissions.mag_alle_regios_beheren(self.gebruiker):
            verborgen = set(instance.regios.values_list("id", flat=True)) - (
                permissions.beheerbare_regio_ids(self.gebruiker)
            )
        super().save_m2m(instance, row, **kwargs)
        if verborgen and not self._is_dry_run(kwargs):
            instance.regios.add(*verborgen)


class OrganisatieResource(_RegioResource):
    sleutel = fields.Field("sleutel", "sleutel", widget=TekstWidget())
    naam = fields.Field("naam", "naam", widget=TekstWidget())
    soort = fields.Field("soort", "soort", widget=KeuzeWidget(Organisatiesoort))
    regios = fields.Field("regios", "regios", widget=RegiosWidget())
    adres = fields.Field("adres", "adres", widget=TekstWidget())
    website = fields.Field("website", "website", widget=TekstWidget())
    telefoon = fields.Field("telefoon", "telefoon", widget=TelefoonWidget())
    email = fields.Field("email", "email", widget=TekstWidget())
    omschrijving = fields.Field("omschrijving", "omschrijving", widget=TekstWidget())

    class Meta:
        model = Organisatie
        import_id_fields = ["sleutel"]
        fields = [
            "sleutel", "naam", "soort", "regios", "adres", "website", "telefoon", "email",
            "omschrijving",
        ]  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class ContactpersoonResource(_RegioResource):
    sleutel = fields.Field("sleutel", "sleutel", widget=TekstWidget())
    naam = fields.Field("naam", "naam", widget=TekstWidget())
    functie = fields.Field("functie", "functie", widget=TekstWidget())
    organisatie = fields.Field("organisatie", "organisatie", widget=OrganisatieSleutelWidget())
    rollen = fields.Field("rollen", "rollen", widget=RollenWidget())
    sectoren = fields.Field("sectoren", "sectoren", widget=SectorenWidget())
    instrumenten = fields.Field("instrumenten", "instrumenten", widget=InstrumentenWidget())
    email = fields.Field("email", "email", widget=TekstWidget())
    telefoon = fields.Field("telefoon", "telefoon", widget=TelefoonWidget())
    regios = fields.Field("regios", "regios", widget=RegiosWidget())
    actief = fields.Field("actief", "actief", widget=JaNeeWidget())

    class Meta:
        model = Contactpersoon
        import_id_fields = ["sleutel"]
        fields = [
            "sleutel", "naam", "functie", "organisatie", "rollen", "sectoren", "instrumenten",
            "email", "telefoon", "regios", "actief",
        ]  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.fields["sectoren"].widget.index = sector_index()
        self.fields["instrumenten"].widget.index = kennisbank.instrumenten_op_slug(
            {s.casefold() for s in _kolom(dataset, "instrumenten") for s in _waarden(s)}
        )
        sleutels = {str(v).strip() for v in _kolom(dataset, "organisatie") if v}
        widget = self.fields["organisatie"].widget
        widget.index = selectors.organisaties_op_sleutel(sleutels)
        if self.beheerbaar is not None:
            widget.toegestaan = selectors.organisatie_ids_in_regios(
                regio_ids=self.beheerbaar, sleutels=sleutels
            )


NIETS_INGELEZEN = (
    "Er is niets ingelezen: sinds de voorvertoning is er iets veranderd waardoor het "
    "bestand niet meer klopt."
)


def foutmeldingen(resultaat) -> list[str]:
    """Every problem of a refused import, one Dutch line per row and field."""
    meldingen = []
    for rij in resultaat.invalid_rows:
        for veld, fouten in rij.field_specific_errors.items():
            meldingen.append(f"rij {rij.number}, {veld}: {' '.join(fouten)}")
        meldingen += [f"rij {rij.number}: {fout}" for fout in rij.non_field_specific_errors]
    meldingen += [
        f"rij {nummer}: deze rij kon niet worden verwerkt" for nummer, _ in resultaat.row_errors()
    ]
    if resultaat.base_errors:
        meldingen.append("het bestand kon niet worden verwerkt")
    return meldingen


def samenvatting(resultaat, model) -> str:
    """What an import did, in the figures django-import-export counts."""
    aantallen = resultaat.totals
    return (
        f"Het inlezen van de {model._meta.verbose_name_plural} is klaar: "
        f"{aantallen[RowResult.IMPORT_TYPE_NEW]} nieuw, "
        f"{aantallen[RowResult.IMPORT_TYPE_UPDATE]} bijgewerkt, "
        f"{aantallen[RowResult.IMPORT_TYPE_DELETE]} verwijderd en "
        f"{aantallen[RowResult.IMPORT_TYPE_SKIP]} ongewijzigd."
    )


def _kolom(dataset, naam: str) -> list:
    return list(dataset[naam]) if dataset.headers and naam in dataset.headers else []

"""Admin of the network: an ambassadeur keeps its own regions' entries only (the shared
RegioBeperkteAdmin), with the full change history, the 'te controleren' lists, the
verification e-mail, corrections, error reports, import and erasure on request.

The changelist's queryset is already limited to the user's regions, so the actions work
on it as a whole instead of checking (and querying) object by object; the services check
the region rule once more for the writes that matter most (erasure, corrections)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST
from import_export.admin import ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from kennisbank import public as kennisbank
from netwerk import importopslag, selectors, services
from netwerk.models import (
    Contactpersoon,
    ContactpersoonTeControleren,
    Correctie,
    Erkenning,
    Exportlog,
    Foutmelding,
    Organisatie,
    Organisatiesoort,
    OrganisatieTeControleren,
    Rol,
    Wisregistratie,
)
from netwerk.resources import ContactpersoonResource, OrganisatieResource
from netwerk.tasks import netwerk_importeren_taak
from portal import achtergrondtaken, permissions
from portal.admin import AlleenLezenAdmin, RegioBeperkteAdmin
from portal.models import Achtergrondtaak
from portal.vocabulaires import Bewijsstuk


def basis_url(request) -> str:
    """The site's address for links in e-mails: the configured one, else this request's."""
    return settings.PORTAAL_BASIS_URL or request.build_absolute_uri("/")


def _vinkjes(label: str, keuzes) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=keuzes, required=False, widget=forms.CheckboxSelectMultiple
    )


class ControleFilter(admin.SimpleListFilter):
    title = "controle"
    parameter_name = "controle"

    def lookups(self, request, model_admin):
        return [("te-controleren", "Te controleren"), ("actueel", "Actueel")]

    def queryset(self, request, queryset):
        if self.value() == "te-controleren":
            return selectors.verouderd(queryset)
        if self.value() == "actueel":
            return selectors.actueel(queryset)
        return queryset


class NetwerkAdmin(RegioBeperkteAdmin, SimpleHistoryAdmin):
    """Region-scoped (reading, changing and history alike), with history."""

    regio_veld = "regios"

    @admin.display(description="mogelijk verouderd", boolean=True)
    def verouderd(self, obj):
        return obj.mogelijk_verouderd

    @admin.action(description="Markeer als gecontroleerd (vandaag)", permissions=["change"])
    def markeer_gecontroleerd(self, request, queryset):
        aantal = services.gecontroleerd_markeren(objecten=queryset)
        self.message_user(request, f"{aantal} gemarkeerd als gecontroleerd.", messages.SUCCESS)


class RegioImportMixin(ImportMixin):
    """Import for the importing user's regions. The preview runs in the request; the
    confirmed import is a background job (:mod:`netwerk.tasks`) with a status page. The
    file waits in :mod:`netwerk.importopslag` (deleted after a day at the latest, or by
    the job); a confirmation that fails after all shows its errors in Dutch and writes
    nothing."""

    tmp_storage_class = importopslag.ImportOpslag

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "gebruiker": request.user}

    def _importpagina(self):
        info = self.get_model_info()
        return HttpResponseRedirect(
            reverse("admin:{}_{}_import".format(*info), current_app=self.admin_site.name)
        )

    def import_action(self, request, **kwargs):
        if request.method == "POST":
            importopslag.oude_bestanden_opruimen()
        return super().import_action(request, **kwargs)

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        naam = request.POST.get("import_file_name", "")
        if not importopslag.geldige_naam(naam) or not self._bestand_bestaat(naam):
            self.message_user(
                request,
                "Het bestand van deze voorvertoning is niet meer beschikbaar (het wordt na een "
                "dag verwijderd). Er is niets ingelezen; kies het bestand opnieuw.",
                messages.ERROR,
            )
            return self._importpagina()
        bevestiging = self.create_confirm_form(request)
        formaten = self.get_import_formats()
        try:
            valide = bevestiging.is_valid()
            formaat = formaten[int(bevestiging.cleaned_data["format"])] if valide else None
        except (ValueError, IndexError):
            formaat = None
        if formaat is None:
            self.message_user(
                request,
                "Deze bevestiging is onvolledig. Er is niets ingelezen; kies het bestand opnieuw.",
                messages.ERROR,
            )
            return self._importpagina()
        info = self.get_model_info()
        lijst = reverse("admin:{}_{}_changelist".format(*info), current_app=self.admin_site.name)
        opnieuw = reverse("admin:{}_{}_import".format(*info), current_app=self.admin_site.name)
        meervoud = self.model._meta.verbose_name_plural
        taak = achtergrondtaken.starten(
            soort=Achtergrondtaak.Soort.NETWERK_IMPORT,
            gebruiker=request.user,
            taak=netwerk_importeren_taak,
            bestandsnaam=bevestiging.cleaned_data["original_file_name"],
            opgeslagen=importopslag.ImportOpslag(name=naam).get_full_path(),
            parameters={
                "model": self.model._meta.model_name,
                "formaat": formaat.__name__,
                "encoding": self.from_encoding,
                "terug": {"url": lijst, "tekst": meervoud.capitalize()},
                "vervolg": [
                    {"url": lijst, "tekst": f"Naar de {meervoud}"},
                    {"url": opnieuw, "tekst": "Nog een bestand inlezen"},
                ],
            },
        )
        return HttpResponseRedirect(reverse("achtergrondtaak", args=[taak.pk]))

    def _bestand_bestaat(self, naam: str) -> bool:
        opslag = importopslag.ImportOpslag(name=naam)
        return opslag._storage.exists(opslag.get_full_path())


class ErkenningInline(admin.TabularInline):
    """Erkenningen belong to mbo-instellingen only (Erkenning.clean says so as well)."""

    model = Erkenning
    extra = 0
    fields = ["kwalificatie", "crebo", "niveau", "sector", "bewijsstukken"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "bewijsstukken":
            return _vinkjes("bewijsstukken", Bewijsstuk.choices)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Organisatie)
class OrganisatieAdmin(RegioImportMixin, NetwerkAdmin):
    resource_classes = [OrganisatieResource]
    list_display = ["naam", "soort", "gecontroleerd_op", "verouderd"]
    list_filter = ["soort", ControleFilter]
    search_fields = ["naam", "sleutel"]
    readonly_fields = ["gecontroleerd_op"]
    filter_horizontal = ["regios"]
    inlines = [ErkenningInline]
    actions = ["markeer_gecontroleerd"]

    def get_inlines(self, request, obj):
        if obj is not None and obj.soort != Organisatiesoort.MBO_INSTELLING:
            return []
        return super().get_inlines(request, obj)


@admin.register(Contactpersoon)
class ContactpersoonAdmin(RegioImportMixin, NetwerkAdmin):
    """Deleting a person is always an erasure: the delete page and the bulk delete go
    through the erasure service too, so no name stays behind in history or log."""

    resource_classes = [ContactpersoonResource]
    list_display = ["naam", "organisatie", "functie", "actief", "gecontroleerd_op", "verouderd"]
    list_filter = ["actief", ControleFilter, "organisatie__soort"]
    list_select_related = ["organisatie"]
    search_fields = ["naam", "email", "organisatie__naam"]
    readonly_fields = ["gecontroleerd_op"]
    filter_horizontal = ["regios", "sectoren", "instrumenten"]
    kiesbaar = {"instrumenten": kennisbank.kiesbare_instrumenten}
    actions = ["controle_aanvragen", "markeer_gecontroleerd", "wissen_op_verzoek"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "rollen":
            return _vinkjes("rollen", Rol.choices)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisatie":
            kwargs["queryset"] = selectors.beheerbare_organisaties(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def delete_model(self, request, obj):
        services.contactpersonen_wissen(contactpersonen=[obj], door=request.user)

    def delete_queryset(self, request, queryset):
        services.contactpersonen_wissen(contactpersonen=queryset, door=request.user)

    def response_delete(self, request, obj_display, obj_id):
        # The default message names the person; after an erasure nothing should.
        self.message_user(
            request,
            "De persoon is gewist, met de volledige historie. De wisregistratie bevat geen "
            "persoonsgegevens.",
            messages.SUCCESS,
        )
        info = self.get_model_info()
        return HttpResponseRedirect(
            reverse("admin:{}_{}_changelist".format(*info), current_app=self.admin_site.name)
        )

    @admin.action(description="Controleverzoek per e-mail versturen", permissions=["change"])
    def controle_aanvragen(self, request, queryset):
        personen = list(queryset)
        aantal = services.contactpersonen_controle_aanvragen(
            contactpersonen=personen, basis_url=basis_url(request)
        )
        if aantal:
            self.message_user(
                request,
                f"{aantal} controleverzoek{'en worden' if aantal > 1 else ' wordt'} verstuurd. "
                "Lukt dat niet meteen, omdat de mailserver weigert of niet bereikbaar is, dan "
                "probeert het portaal het de komende uren nog een paar keer.",
                messages.SUCCESS,
            )
        if overgeslagen := len(personen) - aantal:
            self.message_user(
                request,
                f"{overgeslagen} overgeslagen: geen e-mailadres of niet actief.",
                messages.WARNING,
            )

    @admin.action(description="Wissen op verzoek van de persoon (AVG)", permissions=["delete"])
    def wissen_op_verzoek(self, request, queryset):
        # Erasing is deleting: a person shared with a region the user does not keep is
        # refused as a whole, never taken off only the user's own regions.
        personen = list(queryset.select_related("organisatie"))
        if geweigerd := selectors.niet_te_wissen(personen=personen, gebruiker=request.user):
            self.message_user(request, services.weigering_bij_wissen(geweigerd), messages.ERROR)
            return None
        if request.POST.get("bevestigd") == "ja":
            try:
                registraties = services.contactpersonen_wissen(
                    contactpersonen=personen, door=request.user
                )
            except PermissionDenied as exc:  # the regions changed since the check above
                self.message_user(request, str(exc), messages.ERROR)
                return None
            self.message_user(
                request,
                f"{len(registraties)} persoon/personen gewist, met hun volledige historie. "
                "De wisregistratie bevat geen persoonsgegevens.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/netwerk/wissen_bevestigen.html",
            {
                **self.admin_site.each_context(request),
                "title": "Personen wissen op verzoek",
                "personen": personen,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(OrganisatieTeControleren)
class OrganisatieTeControlerenAdmin(OrganisatieAdmin):
    list_display = ["naam", "soort", "gecontroleerd_op"]
    list_filter = ["soort"]

    def get_queryset(self, request):
        return selectors.te_controleren_organisaties(super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_import_permission(self, request):
        return False


@admin.register(ContactpersoonTeControleren)
class ContactpersoonTeControlerenAdmin(ContactpersoonAdmin):
    list_filter = ["organisatie__soort"]
    actions = ["controle_aanvragen", "markeer_gecontroleerd"]

    def get_queryset(self, request):
        return selectors.te_controleren_contactpersonen(super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_import_permission(self, request):
        return False


class HuidigeRegioMixin:
    """Scoped by the CURRENT regions of the person or organisation an item is about, not
    by the copy of them made when it came in: when a person moves to another region, the
    new region's ambassadeur handles what is still open. Put before RegioBeperkteAdmin."""

    onderwerpen: tuple[str, ...] = ()

    def get_queryset(self, request):
        qs = super(RegioBeperkteAdmin, self).get_queryset(request)
        if permissions.mag_alle_regios_beheren(request.user):
            return qs
        regio_ids = permissions.beheerbare_regio_ids(request.user)
        voorwaarde = Q()
        for onderwerp in self.onderwerpen:
            voorwaarde |= Q(**{f"{onderwerp}__regios__in": regio_ids})
        return qs.filter(voorwaarde).distinct()

    def regio_ids_van(self, obj) -> set[int]:
        regio_ids: set[int] = set()
        for onderwerp in self.onderwerpen:
            if (gevonden := getattr(obj, onderwerp)) is not None:
                regio_ids |= set(gevonden.regios.values_list("id", flat=True))
        return regio_ids

    def save_related(self, request, form, formsets, change):
        super(RegioBeperkteAdmin, self).save_related(request, form, formsets, change)


@admin.register(Correctie)
class CorrectieAdmin(HuidigeRegioMixin, RegioBeperkteAdmin):
    """Corrections proposed by persons themselves; the ambassadeur approves or rejects."""

    regio_veld = "regios"
    onderwerpen = ("contactpersoon",)
    list_display = ["contactpersoon", "ingediend_op", "status"]
    list_filter = ["status"]
    list_select_related = ["contactpersoon"]
    fields = ["vergelijking", "toelichting", "status", "behandeld_door", "behandeld_op"]
    readonly_fields = fields
    actions = ["goedkeuren", "afwijzen"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="voorgestelde wijziging")
    def vergelijking(self, obj):
        persoon = obj.contactpersoon
        rijen = [
            (label, getattr(persoon, veld), getattr(obj, veld))
            for veld, label in [
                ("naam", "Naam"),
                ("functie", "Functie"),
                ("email", "E-mailadres"),
                ("telefoon", "Telefoon"),
            ]
        ]
        return format_html(
            "<table><thead><tr><th scope='col'>Veld</th><th scope='col'>Nu</th>"
            "<th scope='col'>Voorstel</th></tr></thead><tbody>{}</tbody></table>",
            _rijen(rijen),
        )

    def _behandel(self, request, queryset, service, tekst):
        try:
            aantal = service(correcties=queryset, door=request.user)
        except ValidationError as exc:
            self.message_user(
                request,
                "Er is niets doorgevoerd: " + " ".join(exc.messages),
                messages.ERROR,
            )
            return
        self.message_user(request, f"{aantal} correctie(s) {tekst}.", messages.SUCCESS)

    @admin.action(description="Goedkeuren en doorvoeren", permissions=["change"])
    def goedkeuren(self, request, queryset):
        self._behandel(request, queryset, services.correcties_goedkeuren, "goedgekeurd")

    @admin.action(description="Afwijzen", permissions=["change"])
    def afwijzen(self, request, queryset):
        self._behandel(request, queryset, services.correcties_afwijzen, "afgewezen")


def _rijen(rijen):
    return format_html_join(
        "",
        "<tr{}><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
        (
            (" class='gewijzigd'" if nu != nieuw else "", label, nu, nieuw)
            for label, nu, nieuw in rijen
        ),
    )


@admin.register(Foutmelding)
class FoutmeldingAdmin(HuidigeRegioMixin, RegioBeperkteAdmin):
    """Reports of logged-in users about wrong entries in the ambassadeur's regions. The
    status changes through the action only (a service), not in the form."""

    regio_veld = "regios"
    onderwerpen = ("contactpersoon", "organisatie")
    list_display = ["gemeld_op", "onderwerp", "status"]
    list_filter = ["status"]
    list_select_related = ["organisatie", "contactpersoon"]
    fields = ["onderwerp", "melding", "gemeld_door", "gemeld_op", "status"]
    readonly_fields = fields
    actions = ["afhandelen"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="over")
    def onderwerp(self, obj):
        return obj.contactpersoon or obj.organisatie

    @admin.action(description="Markeer als afgehandeld", permissions=["change"])
    def afhandelen(self, request, queryset):
        aantal = services.foutmeldingen_afhandelen(foutmeldingen=queryset)
        self.message_user(request, f"{aantal} melding(en) afgehandeld.", messages.SUCCESS)


@admin.register(Exportlog)
class ExportlogAdmin(AlleenLezenAdmin):
    list_display = ["tijdstip", "gebruiker", "regio", "formaat", "aantal_personen", "filters"]
    list_filter = ["formaat", "regio"]
    list_select_related = ["gebruiker", "regio"]


@admin.register(Wisregistratie)
class WisregistratieAdmin(AlleenLezenAdmin):
    list_display = ["tijdstip", "uitgevoerd_door", "contactpersoon_id", "historieregels"]
    list_select_related = ["uitgevoerd_door"]

"""Admin of the network: an ambassadeur keeps its own regions' entries only (the shared
RegioBeperkteAdmin), with the full change history, the 'te controleren' lists, the
verification e-mail, corrections, error reports, import and erasure on request."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from netwerk import selectors, services
from netwerk.models import (
    Contactpersoon,
    ContactpersoonTeControleren,
    Correctie,
    Erkenning,
    Exportlog,
    Foutmelding,
    Organisatie,
    OrganisatieTeControleren,
    Wisregistratie,
    verouderd_sinds,
)
from netwerk.resources import ContactpersoonResource, OrganisatieResource
from portal import permissions
from portal.admin import RegioBeperkteAdmin


class ControleFilter(admin.SimpleListFilter):
    title = "controle"
    parameter_name = "controle"

    def lookups(self, request, model_admin):
        return [("te-controleren", "Te controleren"), ("actueel", "Actueel")]

    def queryset(self, request, queryset):
        if self.value() == "te-controleren":
            return queryset.filter(gecontroleerd_op__lt=verouderd_sinds())
        if self.value() == "actueel":
            return queryset.filter(gecontroleerd_op__gte=verouderd_sinds())
        return queryset


class NetwerkAdmin(RegioBeperkteAdmin, SimpleHistoryAdmin):
    """Region-scoped (reading, changing and history alike), with history."""

    regio_veld = "regios"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="mogelijk verouderd", boolean=True)
    def verouderd(self, obj):
        return obj.mogelijk_verouderd

    @admin.action(description="Markeer als gecontroleerd (vandaag)", permissions=["change"])
    def markeer_gecontroleerd(self, request, queryset):
        toegestaan = [obj for obj in queryset if self.has_change_permission(request, obj)]
        aantal = services.gecontroleerd_markeren(objecten=toegestaan)
        self.message_user(request, f"{aantal} gemarkeerd als gecontroleerd.", messages.SUCCESS)


class ErkenningInline(admin.TabularInline):
    model = Erkenning
    extra = 0
    fields = ["kwalificatie", "crebo", "niveau", "sector", "bewijsstukken"]


@admin.register(Organisatie)
class OrganisatieAdmin(ImportMixin, NetwerkAdmin):
    resource_classes = [OrganisatieResource]
    list_display = ["naam", "soort", "gecontroleerd_op", "verouderd"]
    list_filter = ["soort", ControleFilter]
    search_fields = ["naam", "sleutel"]
    readonly_fields = ["gecontroleerd_op"]
    filter_horizontal = ["regios"]
    inlines = [ErkenningInline]
    actions = ["markeer_gecontroleerd"]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "gebruiker": request.user}


@admin.register(Contactpersoon)
class ContactpersoonAdmin(ImportMixin, NetwerkAdmin):
    resource_classes = [ContactpersoonResource]
    list_display = ["naam", "organisatie", "functie", "actief", "gecontroleerd_op", "verouderd"]
    list_filter = ["actief", ControleFilter, "organisatie__soort"]
    list_select_related = ["organisatie"]
    search_fields = ["naam", "email", "organisatie__naam"]
    readonly_fields = ["gecontroleerd_op"]
    filter_horizontal = ["regios", "sectoren", "instrumenten"]
    actions = ["controle_aanvragen", "markeer_gecontroleerd", "wissen_op_verzoek"]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "gebruiker": request.user}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisatie" and not permissions.mag_alle_regios_beheren(request.user):
            kwargs["queryset"] = Organisatie.objects.filter(
                regios__in=permissions.beheerbare_regio_ids(request.user)
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description="Controleverzoek per e-mail versturen", permissions=["change"])
    def controle_aanvragen(self, request, queryset):
        basis_url = request.build_absolute_uri("/")
        verstuurd = overgeslagen = 0
        for persoon in queryset:
            if self.has_change_permission(request, persoon) and (
                services.contactpersoon_controle_aanvragen(
                    contactpersoon=persoon, basis_url=basis_url
                )
            ):
                verstuurd += 1
            else:
                overgeslagen += 1
        self.message_user(request, f"{verstuurd} controleverzoek(en) verstuurd.", messages.SUCCESS)
        if overgeslagen:
            self.message_user(
                request,
                f"{overgeslagen} overgeslagen: geen e-mailadres, niet actief of niet uw regio.",
                messages.WARNING,
            )

    @admin.action(description="Wissen op verzoek van de persoon (AVG)", permissions=["delete"])
    def wissen_op_verzoek(self, request, queryset):
        personen = list(queryset)
        for persoon in personen:
            if not self.has_delete_permission(request, persoon):
                raise PermissionDenied("U mag alleen personen uit uw eigen regio's wissen.")
        if request.POST.get("bevestigd") == "ja":
            for persoon in personen:
                services.contactpersoon_wissen(contactpersoon=persoon, door=request.user)
            self.message_user(
                request,
                f"{len(personen)} persoon/personen gewist, met hun volledige historie. "
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
class OrganisatieTeControlerenAdmin(NetwerkAdmin):
    list_display = ["naam", "soort", "gecontroleerd_op"]
    list_filter = ["soort"]
    search_fields = ["naam"]
    readonly_fields = ["gecontroleerd_op"]
    actions = ["markeer_gecontroleerd"]
    inlines = [ErkenningInline]
    filter_horizontal = ["regios"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=selectors.te_controleren_organisaties())

    def has_add_permission(self, request):
        return False


@admin.register(ContactpersoonTeControleren)
class ContactpersoonTeControlerenAdmin(ContactpersoonAdmin):
    list_filter = ["organisatie__soort"]
    actions = ["controle_aanvragen", "markeer_gecontroleerd"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).filter(pk__in=selectors.te_controleren_contactpersonen())
        )

    def has_add_permission(self, request):
        return False

    def has_import_permission(self, request):
        return False


@admin.register(Correctie)
class CorrectieAdmin(RegioBeperkteAdmin):
    """Corrections proposed by persons themselves; the ambassadeur approves or rejects."""

    regio_veld = "regios"
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
        aantal = 0
        for correctie in queryset:
            if not self.has_change_permission(request, correctie):
                continue
            try:
                service(correctie=correctie, door=request.user)
                aantal += 1
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.WARNING)
        self.message_user(request, f"{aantal} correctie(s) {tekst}.", messages.SUCCESS)

    @admin.action(description="Goedkeuren en doorvoeren", permissions=["change"])
    def goedkeuren(self, request, queryset):
        self._behandel(request, queryset, services.correctie_goedkeuren, "goedgekeurd")

    @admin.action(description="Afwijzen", permissions=["change"])
    def afwijzen(self, request, queryset):
        self._behandel(request, queryset, services.correctie_afwijzen, "afgewezen")


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
class FoutmeldingAdmin(RegioBeperkteAdmin):
    """Reports of logged-in users about wrong entries in the ambassadeur's regions."""

    regio_veld = "regios"
    list_display = ["gemeld_op", "onderwerp", "status"]
    list_filter = ["status"]
    list_select_related = ["organisatie", "contactpersoon"]
    fields = ["onderwerp", "melding", "gemeld_door", "gemeld_op", "status"]
    readonly_fields = ["onderwerp", "melding", "gemeld_door", "gemeld_op"]
    actions = ["afhandelen"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="over")
    def onderwerp(self, obj):
        return obj.contactpersoon or obj.organisatie

    @admin.action(description="Markeer als afgehandeld", permissions=["change"])
    def afhandelen(self, request, queryset):
        eigen = [f for f in queryset if self.has_change_permission(request, f)]
        aantal = services.foutmeldingen_afhandelen(foutmeldingen=eigen)
        self.message_user(request, f"{aantal} melding(en) afgehandeld.", messages.SUCCESS)


class AlleenLezenAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Exportlog)
class ExportlogAdmin(AlleenLezenAdmin):
    list_display = ["tijdstip", "gebruiker", "regio", "formaat", "aantal_personen", "filters"]
    list_filter = ["formaat", "regio"]
    list_select_related = ["gebruiker", "regio"]


@admin.register(Wisregistratie)
class WisregistratieAdmin(AlleenLezenAdmin):
    list_display = ["tijdstip", "uitgevoerd_door", "contactpersoon_id", "historieregels"]
    list_select_related = ["uitgevoerd_door"]

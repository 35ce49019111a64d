"""Admin for ambassadeurs (their own regions) and redacteuren (everything), built on the
portal's region-scoped base, with the full change history of simple_history."""

from django import forms
from django.contrib import admin, messages
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.forms import SimpleArrayField
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from kennisbank import selectors, services
from kennisbank.forms import KennisitemForm, MateriaalForm
from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld, Publicatiestatus, Stap
from portal import permissions
from portal.admin import RegioBeperkteAdmin
from wegwijzer import public as wegwijzer


class TeControlerenFilter(admin.SimpleListFilter):
    """Items whose review date has passed; with the region scope of the admin these are
    the items of the user's own regions that need checking."""

    title = "controle"
    parameter_name = "controle"

    def lookups(self, request, model_admin):
        return [("te-controleren", "Te controleren (datum verstreken)"), ("actueel", "Actueel")]

    def queryset(self, request, queryset):
        vandaag = timezone.localdate()
        if self.value() == "te-controleren":
            return queryset.filter(controleren_voor__lt=vandaag)
        if self.value() == "actueel":
            return queryset.filter(controleren_voor__gte=vandaag)
        return queryset


class WegwijzerFilter(admin.SimpleListFilter):
    """Instruments whose conditions nobody can meet: no situation and no peildatum brings
    them into the wegwijzer. A content error the ambassadeur should see and fix."""

    title = "wegwijzer"
    parameter_name = "wegwijzer"

    def lookups(self, request, model_admin):
        return [("onbereikbaar", "Voorwaarden waar niemand aan voldoet")]

    def queryset(self, request, queryset):
        if self.value() != "onbereikbaar":
            return queryset
        # The rules are plain Python over a handful of columns, so they decide here too.
        velden = ("pk", "geldig_van", "geldig_tot", "leeftijd_min", "leeftijd_max",
                  "startkwalificatie", "doelgroepen")  # fmt: skip
        onbereikbaar = [
            instrument.pk
            for instrument in queryset.only(*velden)
            if wegwijzer.onbereikbaar_redenen(instrument)
        ]
        return queryset.filter(pk__in=onbereikbaar)


class KennisitemAdmin(RegioBeperkteAdmin, SimpleHistoryAdmin):
    form = KennisitemForm
    regio_veld = "regio"
    list_display = (
        "titel",
        "status",
        "publiek",
        "regio_of_landelijk",
        "controleren_voor",
        "voorbeeld",
    )
    list_filter = ("status", "publiek", TeControlerenFilter, "sectoren")
    search_fields = ("titel", "slug", "samenvatting")
    # By title, also in the pickers' autocomplete (which pages through the list).
    ordering = ("titel", "id")
    prepopulated_fields = {"slug": ("titel",)}
    filter_horizontal = ("sectoren",)
    list_select_related = ("regio",)
    readonly_fields = ("gepubliceerd_op", "aangemaakt_op", "bijgewerkt_op")
    actions = ("publiceren", "archiveren", "gecontroleerd")
    date_hierarchy = None
    algemene_velden = (
        "titel", "slug", "samenvatting", "inhoud", "sectoren", "doelgroepen",
        "bewijsstukken", "regio", "links",
    )  # fmt: skip
    publicatie_velden = (
        "status", "publiek", "gecontroleerd_op", "controleren_voor",
        "gepubliceerd_op", "aangemaakt_op", "bijgewerkt_op",
    )  # fmt: skip
    eigen_velden: tuple[str, ...] = ()

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": self.algemene_velden}),
            (self.model._meta.verbose_name.capitalize(), {"fields": self.eigen_velden}),
            ("Publicatie en controle", {"fields": self.publicatie_velden}),
        ]

    @admin.display(description="regio", ordering="regio__naam")
    def regio_of_landelijk(self, obj):
        return obj.regio.naam if obj.regio_id else "Landelijk"

    @admin.display(description="bekijken")
    def voorbeeld(self, obj):
        url = obj.get_absolute_url()
        if obj.status != Publicatiestatus.GEPUBLICEERD:
            url += "?voorbeeld=1"  # not public yet: the page shows it to its editors only
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">voorbeeld<span class="visually-hidden">'
            " van {}</span></a>",
            url,
            obj.titel,
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Vocabulary lists as checkboxes rather than comma-separated codes.
        if isinstance(db_field, ArrayField) and db_field.base_field.choices:
            return forms.TypedMultipleChoiceField(
                choices=db_field.base_field.choices,
                widget=forms.CheckboxSelectMultiple,
                required=not db_field.blank,
                label=db_field.verbose_name.capitalize(),
            )
        # A list of links: each one, like every URL field in the admin, assumes https.
        if isinstance(db_field, ArrayField) and isinstance(db_field.base_field, models.URLField):
            return SimpleArrayField(
                forms.URLField(assume_scheme="https", max_length=db_field.base_field.max_length),
                required=not db_field.blank,
                label=db_field.verbose_name.capitalize(),
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # The admin saves the item in save_related, through the one service, together with its
    # sectoren and inlines; save_model (called just before) only checks the region.
    def save_model(self, request, obj, form, change):
        if not permissions.mag_regio_inhoud_beheren(request.user, self.regio_ids_van(obj)):
            raise PermissionDenied("U mag alleen inhoud van uw eigen regio's opslaan.")
        obj._history_user = request.user

    def save_related(self, request, form, formsets, change):
        gerelateerd_opslaan = super().save_related
        services.kennisitem_opslaan(
            item=form.instance,
            gerelateerd_opslaan=lambda: gerelateerd_opslaan(request, form, formsets, change),
        )

    @admin.action(description="Geselecteerde items publiceren", permissions=["change"])
    def publiceren(self, request, queryset):
        aantal = services.kennisitems_publiceren(items=queryset)
        self.message_user(request, f"{aantal} item(s) gepubliceerd.", messages.SUCCESS)

    @admin.action(description="Geselecteerde items archiveren", permissions=["change"])
    def archiveren(self, request, queryset):
        aantal = services.kennisitems_archiveren(items=queryset)
        self.message_user(request, f"{aantal} item(s) gearchiveerd.", messages.SUCCESS)

    @admin.action(
        description="Markeren als gecontroleerd (volgende controle over een jaar)",
        permissions=["change"],
    )
    def gecontroleerd(self, request, queryset):
        aantal = services.kennisitems_gecontroleerd(items=queryset)
        self.message_user(request, f"{aantal} item(s) gecontroleerd.", messages.SUCCESS)


class StapInline(admin.TabularInline):
    model = Stap
    fields = ("volgorde", "titel", "toelichting")
    extra = 1
    ordering = ("volgorde", "id")


@admin.register(Instrument)
class InstrumentAdmin(KennisitemAdmin):
    inlines = (StapInline,)
    list_display = (
        *KennisitemAdmin.list_display[:1],
        "soort",
        "geldig_tot",
        *KennisitemAdmin.list_display[1:],
        "wegwijzer",
    )
    list_filter = ("soort", WegwijzerFilter, *KennisitemAdmin.list_filter)
    eigen_velden = ("soort", "geldig_van", "geldig_tot", "uitvoerder", "kosten", "voorwaarden")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        voor_wie = (
            "Voor wie (wegwijzer)",
            {
                "fields": ("leeftijd_min", "leeftijd_max", "startkwalificatie"),
                "description": "Wie het instrument kan gebruiken, naast de doelgroepen en "
                "sectoren hierboven. Leeg betekent: geen voorwaarde. De wegwijzer sluit een "
                "kandidaat alleen uit op wat de consulent heeft ingevuld; de vrije tekst bij "
                "voorwaarden blijft daarnaast gewoon staan.",
            },
        )
        return [*fieldsets[:2], voor_wie, *fieldsets[2:]]

    @admin.display(description="wegwijzer")
    def wegwijzer(self, obj):
        redenen = wegwijzer.onbereikbaar_redenen(obj)
        return "Onbereikbaar: " + "; ".join(redenen) if redenen else "bereikbaar"


@admin.register(Praktijkvoorbeeld)
class PraktijkvoorbeeldAdmin(KennisitemAdmin):
    list_display = (*KennisitemAdmin.list_display[:1], "jaar", *KennisitemAdmin.list_display[1:])
    filter_horizontal = ("sectoren", "instrumenten")
    kiesbaar = {"instrumenten": selectors.kiesbare_instrumenten}
    eigen_velden = ("jaar", "resultaat", "citaat", "instrumenten")


@admin.register(Materiaal)
class MateriaalAdmin(KennisitemAdmin):
    form = MateriaalForm
    list_display = (*KennisitemAdmin.list_display[:1], "soort", *KennisitemAdmin.list_display[1:])
    list_filter = ("soort", *KennisitemAdmin.list_filter)
    eigen_velden = ("soort", "publiek_voor", "bestand", "url")

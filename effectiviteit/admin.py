"""Admin: imports of trajectories (ambassadeur: own regions) and, for the beheerder only,
the pseudonymised trajectory rows themselves."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from effectiviteit.forms import UploadForm
from effectiviteit.models import Cijferopvraging, Importbatch, Traject
from effectiviteit.tasks import trajecten_importeren_taak
from portal import achtergrondtaken, permissions, roles
from portal.admin import AlleenLezenAdmin, RegioBeperkteAdmin
from portal.models import Achtergrondtaak, Regio


@admin.register(Importbatch)
class ImportbatchAdmin(RegioBeperkteAdmin):
    regio_veld = "regios"
    list_display = (
        "bestandsnaam",
        "aangemaakt_op",
        "gebruiker",
        "resultaat",
        "aantal_nieuw",
        "aantal_bijgewerkt",
    )
    list_filter = ("resultaat",)
    readonly_fields = (
        "bestandsnaam",
        "aangemaakt_op",
        "gebruiker",
        "sha256",
        "regios",
        "proefrun",
        "resultaat",
        "aantal_rijen",
        "aantal_nieuw",
        "aantal_bijgewerkt",
        "fouten",
    )

    def get_queryset(self, request):
        # An ambassadeur also sees its own refused uploads: those have no regions yet.
        qs = super().get_queryset(request)
        if permissions.mag_alle_regios_beheren(request.user):
            return qs
        return self.model._default_manager.filter(
            Q(pk__in=qs.values("pk")) | Q(gebruiker_id=request.user.pk)
        ).select_related("gebruiker")

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.gebruiker_id is not None and obj.gebruiker_id == request.user.pk:
            return super().has_view_permission(request, None)
        return super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        gebruiker = request.user
        return super().has_add_permission(request) and (
            permissions.is_beheerder(gebruiker)
            or permissions.heeft_rol(gebruiker, roles.AMBASSADEUR)
        )

    def has_change_permission(self, request, obj=None):
        return False  # an import is a record of what happened

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """The upload form. A valid upload is stored and read in by a background job;
        the user goes on to its status page, which shows the result when it is done."""
        if not self.has_add_permission(request):
            raise PermissionDenied("U mag geen trajecten inlezen.")
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            bestand = form.cleaned_data["bestand"]
            hier = reverse("admin:effectiviteit_importbatch_add", current_app=self.admin_site.name)
            lijst = reverse(
                "admin:effectiviteit_importbatch_changelist", current_app=self.admin_site.name
            )
            taak = achtergrondtaken.starten(
                soort=Achtergrondtaak.Soort.TRAJECTEN_IMPORT,
                gebruiker=request.user,
                taak=trajecten_importeren_taak,
                bestand=bestand,
                bestandsnaam=bestand.name,
                parameters={
                    "proefrun": form.cleaned_data["proefrun"],
                    "terug": {"url": hier, "tekst": "Trajecten inlezen"},
                    "vervolg": [
                        {"url": hier, "tekst": "Nog een bestand inlezen"},
                        {"url": lijst, "tekst": "Alle importbatches"},
                    ],
                },
            )
            return HttpResponseRedirect(reverse("achtergrondtaak", args=[taak.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Trajecten inlezen",
            "form": form,
            "regios": None
            if permissions.is_beheerder(request.user)
            else Regio.objects.filter(
                pk__in=permissions.importeerbare_regio_ids(request.user)
            ).order_by("naam"),
        }
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, "effectiviteit/admin_upload.html", context, status=status)


@admin.register(Traject)
class TrajectAdmin(AlleenLezenAdmin):
    # Rows change only through an import, which also updates the summary tables; an
    # edit or delete here would leave the dashboards counting the old row.
    list_display = (
        "pseudoniem",
        "regio",
        "sector",
        "doelgroep",
        "startdatum",
        "status",
        "synthetisch",
    )
    list_filter = ("status", "synthetisch", "doelgroep")
    list_select_related = ("regio", "sector")
    show_full_result_count = False
    date_hierarchy = None

    def has_module_permission(self, request):
        return permissions.mag_trajectrijen_bekijken(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.mag_trajectrijen_bekijken(request.user)


@admin.register(Cijferopvraging)
class CijferopvragingAdmin(AlleenLezenAdmin):
    """Who asked for which figures: the beheerder's view on attempts to take them apart."""

    list_display = ("tijdstip", "gebruiker", "bron", "filters")
    list_filter = ("bron",)
    list_select_related = ("gebruiker",)
    search_fields = ("gebruiker__username",)
    show_full_result_count = False

    def has_module_permission(self, request):
        return permissions.is_beheerder(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_beheerder(request.user)

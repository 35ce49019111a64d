"""Admin of the shared data, and the base class every region-owned model's admin uses."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.admin import OTPAdminSite

from portal import permissions, selectors, services
from portal.models import Gebruiker, Regio, Sector


class PortaalAdminSite(OTPAdminSite):
    """The admin behind the second factor (django-otp's OTPAdminSite): only a session
    that passed the code step opens it. Logging in happens at /accounts/login/ and the
    code step at /accounts/code/, so this site's own login page only redirects there
    (and still tells a logged-in reader that the admin is not for them)."""

    login_form = AdminAuthenticationForm
    login_template = None

    def has_permission(self, request):
        return permissions.mag_beheer_openen(request.user)

    def login(self, request, extra_context=None):
        volgende = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(volgende, settings.LOGIN_URL)
        if permissions.moet_tweede_factor_gebruiken(
            request.user
        ) and not permissions.heeft_tweede_factor_bevestigd(request.user):
            return redirect(f"{reverse('tweede_factor')}?{urlencode({'next': volgende})}")
        return super().login(request, extra_context)


# Swap the class of the existing site, as django-otp advises, so every app's
# registrations and custom admin URLs stay where they are.
admin.site.__class__ = PortaalAdminSite
admin.site.site_header = "Praktijkleren portaal – beheer"
admin.site.site_title = "Beheer praktijkleren"
admin.site.index_title = "Beheer"


class RegioFilter(admin.SimpleListFilter):
    """Filter on region that offers only the regions the user may keep, plus 'landelijk'."""

    title = "regio"
    parameter_name = "regio"

    def lookups(self, request, model_admin):
        keuzes = [(str(r.pk), r.naam) for r in permissions.beheerbare_regios(request.user)]
        if permissions.mag_alle_regios_beheren(request.user) and not model_admin.is_m2m():
            keuzes.insert(0, ("landelijk", "Landelijk"))
        return keuzes

    def queryset(self, request, queryset):
        waarde = self.value()
        if not waarde:
            return queryset
        veld = self.model_admin.regio_veld
        if waarde == "landelijk":
            return queryset.filter(**{f"{veld}__isnull": True})
        if waarde.isdigit():
            return queryset.filter(**{veld: int(waarde)}).distinct()
        return queryset.none()

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)


class RegioBeperkteAdmin(admin.ModelAdmin):
    """Admin for a model owned by one region (a ForeignKey, empty = national) or by
    several (a ManyToManyField); name the field in ``regio_veld``.

    The changelist shows only the user's regions, the region choice offers only
    those, and opening, changing or deleting another region's object is refused
    with 403 rather than merely hidden. Who may keep which region is decided in
    ``portal.permissions``.
    """

    regio_veld = "regio"
    # Links typed without a scheme are taken as https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def is_m2m(self) -> bool:
        return isinstance(self.model._meta.get_field(self.regio_veld), models.ManyToManyField)

    def get_list_filter(self, request):
        return [RegioFilter, *super().get_list_filter(request)]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if permissions.mag_alle_regios_beheren(request.user):
            return qs
        regio_ids = permissions.beheerbare_regio_ids(request.user)
        filtered = qs.filter(**{f"{self.regio_veld}__in": regio_ids})
        return filtered.distinct() if self.is_m2m() else filtered

    def regio_ids_van(self, obj) -> set[int]:
        if self.is_m2m():
            return set(getattr(obj, self.regio_veld).values_list("id", flat=True))
        regio_id = getattr(obj, f"{self.regio_veld}_id")
        return {regio_id} if regio_id else set()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Hidden by the region filter but present: say so plainly (403), do not
            # pretend it is missing.
            model_qs = self.model._default_manager.all()
            field = (
                self.model._meta.pk
                if from_field is None
                else self.model._meta.get_field(from_field)
            )
            try:
                exists = model_qs.filter(**{field.name: field.to_python(object_id)}).exists()
            except Exception:  # malformed id: let the admin say it does not exist
                exists = False
            if exists:
                raise PermissionDenied("Dit item hoort bij een regio die u niet beheert.")
        return obj

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if allowed and obj is not None:
            return permissions.mag_regio_inhoud_beheren(request.user, self.regio_ids_van(obj))
        return allowed

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None:
            return permissions.mag_regio_inhoud_beheren(request.user, self.regio_ids_van(obj))
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None:
            return permissions.mag_regio_inhoud_verwijderen(request.user, self.regio_ids_van(obj))
        return allowed

    def delete_queryset(self, request, queryset):
        # The bulk action works on the scoped changelist, but an object shared with a region
        # the user does not keep still needs all of its regions (one query for the lot).
        if self.is_m2m() and not permissions.mag_alle_regios_beheren(request.user):
            veld = self.model._meta.get_field(self.regio_veld)
            eigen, bron = veld.m2m_field_name(), veld.m2m_reverse_field_name()
            gedeeld = (
                veld.remote_field.through.objects.filter(**{f"{eigen}__in": queryset.values("pk")})
                .exclude(**{f"{bron}__in": permissions.beheerbare_regio_ids(request.user)})
                .values_list(eigen, flat=True)
            )
            namen = [str(obj) for obj in queryset.filter(pk__in=gedeeld)[:5]]
            if namen:
                raise PermissionDenied(
                    f"{', '.join(namen)}: hoort ook bij een regio die u niet beheert; alleen "
                    "wie al die regio's beheert, kan dit verwijderen."
                )
        super().delete_queryset(request, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.regio_veld:
            kwargs["queryset"] = permissions.beheerbare_regios(request.user)
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            if not permissions.mag_alle_regios_beheren(request.user):
                field.required = True
                field.empty_label = None
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == self.regio_veld:
            kwargs["queryset"] = permissions.beheerbare_regios(request.user)
            field = super().formfield_for_manytomany(db_field, request, **kwargs)
            if not permissions.mag_alle_regios_beheren(request.user):
                field.required = True
            return field
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not self.is_m2m():
            regio_ids = self.regio_ids_van(obj)
            if not permissions.mag_regio_inhoud_beheren(request.user, regio_ids):
                raise PermissionDenied("U mag alleen inhoud van uw eigen regio's opslaan.")
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if self.is_m2m() and not permissions.mag_alle_regios_beheren(request.user):
            # Keep the regions this user cannot see: an ambassadeur edits their share only.
            obj = form.instance
            verborgen = set()
            if change:
                verborgen = self.regio_ids_van(obj) - permissions.beheerbare_regio_ids(request.user)
            super().save_related(request, form, formsets, change)
            if verborgen:
                getattr(obj, self.regio_veld).add(*verborgen)
            return
        super().save_related(request, form, formsets, change)


class AlleenLezenAdmin(admin.ModelAdmin):
    """For records the admin shows but never edits: logs, and rows that only an import writes."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Regio's", {"fields": ("regios",)}))
    filter_horizontal = (*UserAdmin.filter_horizontal, "regios")
    list_display = ("username", "email", "is_staff", "is_active", "authenticator_app")
    list_filter = ("groups", "regios", "is_staff", "is_active")
    actions = ["tweede_factor_resetten"]

    def get_queryset(self, request):
        return selectors.met_tweede_factor(super().get_queryset(request))

    @admin.display(description="authenticator-app", boolean=True, ordering="heeft_app")
    def authenticator_app(self, obj):
        return obj.heeft_app

    def has_tweede_factor_resetten_permission(self, request):
        return permissions.mag_tweede_factor_resetten(request.user)

    @admin.action(
        description="Authenticator-app opnieuw laten instellen",
        permissions=["tweede_factor_resetten"],
    )
    def tweede_factor_resetten(self, request, queryset):
        # For a lost or replaced phone: the user sets up a new app at the next visit.
        services.tweede_factor_resetten(gebruikers=queryset)
        self.message_user(
            request,
            f"Authenticator-app verwijderd bij {queryset.count()} gebruiker(s); zij stellen "
            "bij hun volgende bezoek aan het beheer een nieuwe in.",
            messages.SUCCESS,
        )


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ("naam", "slug")
    search_fields = ("naam", "slug", "andere_namen")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Sector)
class SectorAdmin(RegioAdmin):
    search_fields = ("naam", "slug")

"""Admin of the shared data, and the base class every region-owned model's admin uses."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django_otp.admin import OTPAdminSite

from portal import permissions, selectors, services
from portal.models import Achtergrondtaak, Gebruiker, Herinnering, Regio, Sector


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
    ``portal.permissions``. Combined with ``SimpleHistoryAdmin``, an old version can be
    looked at but never saved.
    """

    regio_veld = "regio"
    # Many-to-many fields whose choices are limited to what the user may pick: field name to
    # a function of the user that returns the queryset. Existing links outside it are kept.
    kiesbaar: dict[str, Callable] = {}
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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history still saves a posted old version even with revert disabled, judges
        # the rights on that old version and skips save_related, which keeps the regions the
        # user does not see. Old versions are for reading only, judged by the live object.
        if request.method != "GET":
            return HttpResponseNotAllowed(
                ["GET"],
                content="Een eerdere versie kunt u alleen bekijken, niet terugzetten of opslaan.",
                content_type="text/plain; charset=utf-8",
            )
        historie = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        try:
            historie.model._meta.pk.to_python(version_id)
        except ValidationError as exc:
            raise Http404("Deze versie bestaat niet.") from exc
        huidig = self.get_object(request, unquote(object_id))
        if huidig is None:
            huidig = self._laatste_versie(historie, unquote(object_id))
        if not self.has_view_permission(request, huidig):
            raise PermissionDenied("Dit item hoort bij een regio die u niet beheert.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _laatste_versie(self, historie, object_id):
        """A deleted object's last state, as the history list judges it; 404 when unknown."""
        try:
            return historie.filter(**{self.model._meta.pk.attname: object_id}).latest().instance
        except (historie.model.DoesNotExist, ValueError, TypeError) as exc:
            raise Http404("Dit item bestaat niet (meer).") from exc

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
        if db_field.name in self.kiesbaar:
            kwargs["queryset"] = self.kiesbaar[db_field.name](request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not self.is_m2m():
            regio_ids = self.regio_ids_van(obj)
            if not permissions.mag_regio_inhoud_beheren(request.user, regio_ids):
                raise PermissionDenied("U mag alleen inhoud van uw eigen regio's opslaan.")
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        verborgen = self._verborgen_koppelingen(request, form.instance) if change else {}
        super().save_related(request, form, formsets, change)
        for veld, ids in verborgen.items():
            if ids:
                getattr(form.instance, veld).add(*ids)

    def _verborgen_koppelingen(self, request, obj) -> dict[str, set[int]]:
        """The links the form did not offer this user, which saving it must not undo: the
        regions they do not keep (an ambassadeur edits their share only), and links to
        objects they may not pick."""
        verborgen: dict[str, set[int]] = {}
        if self.is_m2m() and not permissions.mag_alle_regios_beheren(request.user):
            eigen = permissions.beheerbare_regio_ids(request.user)
            verborgen[self.regio_veld] = self.regio_ids_van(obj) - eigen
        for veld, kiesbaar in self.kiesbaar.items():
            huidig = set(getattr(obj, veld).values_list("pk", flat=True))
            zichtbaar = kiesbaar(request.user).filter(pk__in=huidig).values_list("pk", flat=True)
            verborgen[veld] = huidig - set(zichtbaar)
        return verborgen


def bekijken_op_site(request, content_type_id, object_id):
    """The admin's "view on site" link (``/admin/r/<type>/<id>/``), for the objects the
    user's admin shows them only.

    Django's own shortcut redirects any staff member to any object's page, and the address
    it gives away names the object (an unpublished item's slug). Here the object's model
    admin decides, with the same scope and rights as its change page; an object it would
    not show is "not found", so nobody learns that it exists.
    """
    try:
        model_admin = admin.site.get_model_admin(
            ContentType.objects.get_for_id(content_type_id).model_class()
        )
        obj = model_admin.get_queryset(request).get(pk=object_id)
    except (ObjectDoesNotExist, NotRegistered, ValueError, ValidationError) as exc:
        raise Http404("Dit item bestaat niet.") from exc
    if not model_admin.has_view_or_change_permission(request, obj):
        raise Http404("Dit item bestaat niet.")
    return shortcut(request, content_type_id, object_id)


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


@admin.register(Herinnering)
class HerinneringAdmin(AlleenLezenAdmin):
    """What the reminders sent, so the beheerder can answer "why did I get this?"."""

    list_display = ("ingepland_op", "soort", "ontvanger", "contactpersoon_id", "periode")
    list_filter = ("soort",)
    list_select_related = ("ontvanger",)
    search_fields = ("ontvanger__username", "periode")
    date_hierarchy = "ingepland_op"

    def has_module_permission(self, request):
        return permissions.mag_herinneringen_inzien(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.mag_herinneringen_inzien(request.user)


@admin.register(Achtergrondtaak)
class AchtergrondtaakAdmin(AlleenLezenAdmin):
    """Every background job and how it ended: the beheerder's view of the queue's work.
    Each user follows their own jobs on the status page."""

    list_display = (
        "aangemaakt_op",
        "soort",
        "status",
        "aangevraagd_door",
        "bestandsnaam",
        "gelezen",
        "fouten",
        "klaar_op",
        "statuspagina",
    )
    list_filter = ("soort", "status")
    list_select_related = ("aangevraagd_door",)
    search_fields = ("aangevraagd_door__username", "bestandsnaam")
    show_full_result_count = False

    def has_module_permission(self, request):
        return permissions.is_beheerder(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_beheerder(request.user)

    @admin.display(description="statuspagina")
    def statuspagina(self, obj):
        return format_html('<a href="{}">bekijken</a>', reverse("achtergrondtaak", args=[obj.pk]))

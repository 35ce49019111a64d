"""Every rule about who may see or change what, as named predicates.

Views, admin classes, the API and commands ask these questions; none of them
decides on its own. Roles are the groups of ``portal.roles``; a user's regions
are ``Gebruiker.regios``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser

from portal import roles
from portal.models import Gebruiker, Regio


def heeft_rol(user: Gebruiker | AnonymousUser, rol: str) -> bool:
    """True when the user holds ``rol`` (a beheerder counts as every role)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_portal_rollen", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._portal_rollen = cache
    return rol in cache


def is_beheerder(user) -> bool:
    """The beheerder may do everything, including browsing trajectory rows."""
    return user.is_authenticated and user.is_active and user.is_superuser


def mag_niet_openbare_inhoud_zien(user) -> bool:
    """Logged-in users read non-public kennisbank items too; anonymous users do not."""
    return user.is_authenticated and user.is_active


def mag_contactpersonen_zien(user) -> bool:
    """Names, e-mail addresses and phone numbers of people are for logged-in users only."""
    return user.is_authenticated and user.is_active


def mag_dashboard_zien(user) -> bool:
    """Every logged-in user reads the aggregated, suppressed dashboards."""
    return user.is_authenticated and user.is_active


def mag_cijfers_exporteren(user) -> bool:
    """Downloading dashboard figures is for managers and the beheerder."""
    return heeft_rol(user, roles.MANAGER)


def mag_trajectrijen_bekijken(user) -> bool:
    """Individual (pseudonymised) trajectory rows: the beheerder only."""
    return is_beheerder(user)


def mag_alle_regios_beheren(user) -> bool:
    """Redacteur and beheerder keep content of any region, national content included."""
    return is_beheerder(user) or heeft_rol(user, roles.REDACTEUR)


def beheerbare_regios(user):
    """The regions whose content the user may keep in the admin."""
    if mag_alle_regios_beheren(user):
        return Regio.objects.all()
    if heeft_rol(user, roles.AMBASSADEUR):
        return user.regios.all()
    return Regio.objects.none()


def beheerbare_regio_ids(user) -> set[int]:
    cache = getattr(user, "_portal_regio_ids", None)
    if cache is None:
        cache = set(beheerbare_regios(user).values_list("id", flat=True))
        user._portal_regio_ids = cache
    return cache


def mag_regio_inhoud_beheren(user, regio_ids: Iterable[int]) -> bool:
    """May the user change an object that belongs to these regions?

    An empty set means national content: only redacteur and beheerder. An
    ambassadeur may change an object when at least one of its regions is theirs.
    """
    if mag_alle_regios_beheren(user):
        return True
    regio_ids = set(regio_ids)
    if not regio_ids:
        return False
    return bool(regio_ids & beheerbare_regio_ids(user))


def mag_regio_inhoud_verwijderen(user, regio_ids: Iterable[int]) -> bool:
    """May the user delete an object that belongs to these regions?

    Stricter than changing: an object shared with a region the user does not keep
    may only be deleted by someone who keeps all of its regions.
    """
    if mag_alle_regios_beheren(user):
        return True
    regio_ids = set(regio_ids)
    return bool(regio_ids) and regio_ids <= beheerbare_regio_ids(user)


def importeerbare_regio_ids(user) -> set[int]:
    """The regions whose trajectories the user may import: the beheerder all, an
    ambassadeur its own, anyone else none. Both the upload page and the import ask this."""
    if is_beheerder(user):
        return set(Regio.objects.values_list("id", flat=True))
    if heeft_rol(user, roles.AMBASSADEUR):
        return set(user.regios.values_list("id", flat=True))
    return set()


def krijgt_herinneringen(user) -> bool:
    """Ambassadeurs keep their regions' content current, so the portal e-mails them what
    in those regions is due for a check (the weekly overview) and which persons did not
    answer the verification e-mail. Redacteur and beheerder keep every region: they look
    in the admin instead of getting every region's e-mails."""
    return (
        user.is_active
        and bool(user.email)
        and heeft_rol(user, roles.AMBASSADEUR)
        and not mag_alle_regios_beheren(user)
    )


def mag_herinneringen_inzien(user) -> bool:
    """The log of reminders the portal sent (who got what, when) is for the beheerder."""
    return is_beheerder(user)


def is_bewerker(user) -> bool:
    """Editors keep content in the admin: ambassadeur, redacteur and beheerder, and anyone
    else given staff status. Their accounts need more protection than a reader's."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return heeft_rol(user, roles.AMBASSADEUR) or heeft_rol(user, roles.REDACTEUR)


def moet_tweede_factor_gebruiken(user) -> bool:
    """Editors confirm a code from their authenticator app (TOTP) before the admin opens."""
    return is_bewerker(user)


def heeft_tweede_factor_bevestigd(user) -> bool:
    """True when this session was confirmed with one of the user's own, confirmed devices
    (django-otp's middleware checks both)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and is_verified is not None and is_verified())


def mag_beheer_openen(user) -> bool:
    """The admin: active staff whose session passed the second factor; never the
    password alone."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and heeft_tweede_factor_bevestigd(user)
    )


def sessie_eindigt_bij_inactiviteit(user) -> bool:
    """An editor's session ends after SESSIE_INACTIEF_MAX seconds without a request:
    an unattended admin is the easiest way in."""
    return is_bewerker(user)


def mag_tweede_factor_resetten(user) -> bool:
    """Only the beheerder removes someone's authenticator, who then sets up a new one."""
    return is_beheerder(user)


def mag_achtergrondtaak_zien(user, taak) -> bool:
    """A background job's progress and result (an import's file name, its errors): the
    user who started it, and the beheerder."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_beheerder(user) or (
        taak.aangevraagd_door_id is not None and taak.aangevraagd_door_id == user.pk
    )

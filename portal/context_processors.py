from portal import permissions


def navigatie(request):
    """What the page frame needs to know about the visitor."""
    user = getattr(request, "user", None)
    return {
        "toont_beheer": bool(user and user.is_authenticated and user.is_staff),
        "toont_dashboard": bool(user and permissions.mag_dashboard_zien(user)),
    }

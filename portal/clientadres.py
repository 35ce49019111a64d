"""Where the client's address comes from, for django-axes (which reads it with django-ipware)
and the rate limits.

A lockout holds for one user name from one address, so that address must be the
client's and not one a client can choose. Without a proxy that is the address of the
connection. Behind proxies, each appends the address it received the request from to
X-Forwarded-For; everything to the left of what our own proxies wrote is the client's
say and can be forged, so the address is read at a fixed place from the right.
"""

from __future__ import annotations


def axes_instellingen(*, achter_proxy: bool, aantal_proxies: int = 1) -> dict[str, object]:
    """The django-axes and django-ipware settings for this set-up.

    ``aantal_proxies`` is the number of proxies in front of the portal that each append
    to X-Forwarded-For (1 for a single reverse proxy).
    """
    if not achter_proxy:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",)}
    if aantal_proxies < 1:
        raise ValueError("aantal_proxies is minstens 1 achter een proxy")
    return {
        # Only the header: REMOTE_ADDR is our proxy's address, and falling back to it would
        # put every client behind one lock.
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR",),
        # django-ipware counts the proxies after the client in the header; the last proxy
        # writes the client itself, so one proxy means none listed after it.
        "AXES_IPWARE_PROXY_ORDER": "left-most",
        "AXES_IPWARE_PROXY_COUNT": aantal_proxies - 1,
        # A client may send a header of its own; the proxies then append to it. Not strict,
        # so a longer chain is read from the right instead of being discarded.
        "IPWARE_STRICT": False,
    }


def client_adres(request) -> str:
    """The client's address as the login lockout takes it, for the rate limits too
    (RATELIMIT_IP_META_KEY): one rule for where an address comes from."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "onbekend"

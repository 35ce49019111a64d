"""The container's health check: GET /healthz from inside the container, as a load
balancer would ask it, with a host name the portal accepts (the first of ALLOWED_HOSTS).
Exit status 0 when the portal and its database answer, 1 otherwise. Standard library
only, so that it costs no Django start-up every half minute."""

import http.client
import os
import sys


def host() -> str:
    for naam in os.environ.get("ALLOWED_HOSTS", "").split(","):
        # ".example.org" and "*" are patterns; a pattern's domain is a name it accepts.
        naam = naam.strip().lstrip("*").lstrip(".")
        if naam:
            return naam
    return "localhost"


def main() -> int:
    verbinding = http.client.HTTPConnection(
        "127.0.0.1", int(os.environ.get("PORT", "8000")), timeout=4
    )
    try:
        verbinding.request("GET", "/healthz", headers={"Host": host()})
        return 0 if verbinding.getresponse().status == 200 else 1
    except OSError:
        return 1
    finally:
        verbinding.close()


if __name__ == "__main__":
    sys.exit(main())

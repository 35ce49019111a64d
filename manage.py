#!/usr/bin/env python
"""Django's command-line utility for the Praktijkleren portaal."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # One readable line per problem for an operator instead of a traceback.
        sys.exit("\n".join(f"Configuratiefout: {regel}" for regel in str(exc).splitlines()))


if __name__ == "__main__":
    main()

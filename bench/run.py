"""Runs every benchmark module in bench/ (each has ``main()``) and prints its figures."""

import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")


def main() -> int:
    import django

    django.setup()
    # The load test has its own command (make loadtest).
    overslaan = {"run", "__init__", "common", "locustfile", "belastingtest"}
    modules = sorted(p.stem for p in (ROOT / "bench").glob("*.py") if p.stem not in overslaan)
    if not modules:
        print("Geen benchmarks gevonden.")
        return 0
    for name in modules:
        print(f"== bench/{name}.py ==", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Helpers shared by the benchmarks: a migrated throw-away database and percentiles."""

import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager


@contextmanager
def benchmark_database():
    """A freshly migrated test database on the embedded PostgreSQL (or DATABASE_URL)."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def timings_ms(func: Callable[[], object], repeat: int) -> list[float]:
    result = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        result.append((time.perf_counter() - start) * 1000)
    return result


def p50_p95(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95

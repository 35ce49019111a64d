"""Run the portal's job queue in a test, as a worker would: on its own connection.

Jobs are rows in the database, so a test that runs them must commit them first: use
it with the ``wachtrij`` fixture of tests/conftest.py (a transactional test that starts
with an empty queue and the reference data in place). A job that reports progress
(``portal.achtergrondtaken``) writes it through a second connection: mark such a test
``@pytest.mark.django_db(transaction=True, databases="__all__")``.
"""

import threading
from unittest import mock

from procrastinate.contrib.django import app


def wachtrij_afwerken() -> None:
    """Run every job that is due now, then return.

    The worker's periodic deferrer sees no periodic jobs meanwhile: what a test runs must
    not depend on the time of day (a test defers a periodic job itself when it wants one).
    The worker gets a thread of its own, because it runs an event loop and a browser
    test's thread already has one (Playwright's)."""
    fouten: list[BaseException] = []

    def werken() -> None:
        try:
            with app.replace_connector(app.connector.get_worker_connector()) as werker:
                werker.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)
        except BaseException as fout:
            fouten.append(fout)

    with mock.patch.dict(app.periodic_registry.periodic_tasks, clear=True):
        draad = threading.Thread(target=werken)
        draad.start()
        draad.join()
    if fouten:
        raise fouten[0]

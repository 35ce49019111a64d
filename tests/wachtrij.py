"""Run the portal's job queue in a test, as a worker would: on its own connection.

Jobs are rows in the database, so a test that runs them must commit them first:
use it with ``@pytest.mark.django_db(transaction=True)``.
"""

from procrastinate.contrib.django import app


def wachtrij_afwerken() -> None:
    """Run every job that is due now, then return."""
    with app.replace_connector(app.connector.get_worker_connector()) as werker:
        werker.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)

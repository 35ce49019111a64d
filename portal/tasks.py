"""The portal's jobs: e-mails sent by the worker, and the periodic reminders.

Each job imports the code it runs inside its body: any app may then import a job to
defer it, without an import cycle (the code the jobs run reads those apps in turn).

Crons are in UTC. The worker (``manage.py procrastinate worker``; ``make run`` starts
one) defers the periodic jobs; a tick it misses by more than ten minutes is skipped. The
planning works from what is due, not from the tick: the next morning's run catches up,
and ``manage.py herinneringen_versturen`` plans at once.
"""

from __future__ import annotations

import datetime

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

# A mail server that refuses or cannot be reached (smtplib's errors are OSErrors) gets
# another try after 5 s, 25 s, 2 min, 10 min, 52 min and 4.3 h; then the job has failed,
# which the beheerder sees in the admin's list of jobs.
E_MAIL_OPNIEUW = RetryStrategy(max_attempts=6, exponential_wait=5, retry_exceptions=[OSError])

# Every morning: the steps of the verification of contact persons.
CRON_CONTROLES = "0 6 * * *"
# Monday morning: the ambassadeurs' weekly overview.
CRON_WEEKOVERZICHT = "0 6 * * 1"


@app.task(retry=E_MAIL_OPNIEUW)
def controlemail_versturen(*, contactpersoon_id: int, basis_url: str, herinnering: bool = False):
    from netwerk import public as netwerk

    netwerk.controlemail_versturen(
        contactpersoon_id=contactpersoon_id, basis_url=basis_url, herinnering=herinnering
    )


@app.task(retry=E_MAIL_OPNIEUW)
def weekoverzicht_versturen(*, gebruiker_id: int, basis_url: str, datum: str):
    from portal.herinneringen import services

    services.weekoverzicht_versturen(gebruiker_id=gebruiker_id, basis_url=basis_url, datum=datum)


@app.task(retry=E_MAIL_OPNIEUW)
def geen_reactie_versturen(*, gebruiker_id: int, contactpersoon_ids: list[int], basis_url: str):
    from portal.herinneringen import services

    services.geen_reactie_versturen(
        gebruiker_id=gebruiker_id, contactpersoon_ids=contactpersoon_ids, basis_url=basis_url
    )


def _tijdstip(timestamp: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


@app.periodic(cron=CRON_CONTROLES)
@app.task(queueing_lock="controles_plannen")
def controles_plannen(timestamp: int):
    from portal.herinneringen import services

    services.controles_plannen(nu=_tijdstip(timestamp))


@app.periodic(cron=CRON_WEEKOVERZICHT)
@app.task(queueing_lock="weekoverzichten_plannen")
def weekoverzichten_plannen(timestamp: int):
    from portal.herinneringen import services

    services.weekoverzichten_plannen(nu=_tijdstip(timestamp))


# Every night: finished jobs older than TAKEN_BEWAREN_DAGEN leave the queue's tables, so
# they do not grow for ever. Failed ones go too: they hold only ids and the portal address.
CRON_OPRUIMEN = "30 2 * * *"


@app.periodic(cron=CRON_OPRUIMEN)
@app.task(queueing_lock="oude_taken_opruimen", pass_context=True)
async def oude_taken_opruimen(context, timestamp: int):
    from django.conf import settings
    from procrastinate import builtin_tasks

    await builtin_tasks.remove_old_jobs(
        context, max_hours=settings.TAKEN_BEWAREN_DAGEN * 24, remove_failed=True
    )


# Every five minutes: a job whose worker stopped without finishing it (killed, machine
# lost; a worker that is stopped normally finishes its jobs first) goes back into the
# queue. An import ran in one transaction that ended with the worker, and its stored file
# is only removed when it ends, so it starts again from the beginning.
CRON_VASTGELOPEN = "*/5 * * * *"


@app.periodic(cron=CRON_VASTGELOPEN)
@app.task(queueing_lock="vastgelopen_taken_hervatten", pass_context=True)
async def vastgelopen_taken_hervatten(context, timestamp: int):
    from django.conf import settings

    beheer = context.app.job_manager
    for job in await beheer.get_stalled_jobs(
        seconds_since_heartbeat=settings.WERKER_MAX_STILTE_SECONDEN
    ):
        await beheer.retry_job(job)

"""The queue looks after itself: finished jobs are cleared, stalled ones resumed (the
latter is tested with an import in tests/effectiviteit/test_importtaak.py)."""

import datetime

from django.db import connection
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from portal import tasks
from tests.wachtrij import wachtrij_afwerken


def _klaar_sinds(job_id: int, dagen: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_events SET at = %s WHERE job_id = %s",
            [timezone.now() - datetime.timedelta(days=dagen), job_id],
        )


def test_finished_jobs_older_than_the_setting_leave_the_queue(wachtrij, settings):
    settings.TAKEN_BEWAREN_DAGEN = 30
    oud = app.configure_task("procrastinate.builtin_tasks.remove_old_jobs").defer(max_hours=1)
    recent = app.configure_task("procrastinate.builtin_tasks.remove_old_jobs").defer(max_hours=1)
    wachtrij_afwerken()
    _klaar_sinds(oud, 31)
    _klaar_sinds(recent, 29)

    tasks.oude_taken_opruimen.defer(timestamp=int(timezone.now().timestamp()))
    wachtrij_afwerken()

    over = set(ProcrastinateJob.objects.values_list("id", flat=True))
    assert oud not in over
    assert recent in over


def test_the_clean_up_runs_every_night_and_stalled_jobs_are_looked_for_often():
    crons = {p.task.name: p.cron for p in app.periodic_registry.periodic_tasks.values()}
    assert crons["portal.tasks.oude_taken_opruimen"] == "30 2 * * *"
    assert crons["portal.tasks.vastgelopen_taken_hervatten"] == "*/5 * * * *"

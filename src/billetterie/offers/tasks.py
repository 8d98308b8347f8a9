"""Background tasks of the offers: the periodic work, for a scheduler that enqueues tasks."""

from django_tasks import task

from billetterie.offers.periodic import periodic_run


@task()
def periodic_run_task() -> dict[str, int]:
    report = periodic_run()
    return {"expired": report.expired, "reminders": report.reminders}

"""Background tasks of the core: the periodic work, for a scheduler that enqueues tasks."""

from django_tasks import task

from billetterie.core.periodic import periodic_run


@task()
def periodic_run_task() -> dict[str, int]:
    return {done.key: done.count for done in periodic_run()}

"""Background tasks of lodging: the matching computation runs in the worker."""

from django_tasks import task

from billetterie.lodging.compute import run_execute


@task()
def lodging_run_execute(run_id: int) -> None:
    run_execute(run_id=run_id)

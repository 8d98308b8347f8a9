"""Background task: the allocation computation runs in a worker (`billetterie db_worker`)."""

from django_tasks import task


@task()
def allocation_run_execute(run_id: int) -> None:
    from billetterie.allocation.services import run_execute

    run_execute(run_id=run_id)

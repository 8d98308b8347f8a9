"""Background tasks: the allocation computation and its replay check run in a worker."""

from django_tasks import task

from billetterie.allocation.compute import run_execute, run_replay_execute


@task()
def allocation_run_execute(run_id: int) -> None:
    run_execute(run_id=run_id)


@task()
def allocation_replay_execute(run_id: int) -> None:
    run_replay_execute(run_id=run_id)

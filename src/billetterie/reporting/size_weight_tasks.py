"""Background task: the size-weight preview runs in a worker, never in a web request."""

from django_tasks import task

from billetterie.reporting.size_weight_compute import size_weight_preview_execute


@task()
def size_weight_preview_task(preview_id: int) -> None:
    size_weight_preview_execute(preview_id=preview_id)

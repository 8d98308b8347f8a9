"""Background tasks: an export's file is written by the worker."""

from django_tasks import task

from billetterie.reporting.build import export_job_run


@task()
def export_job_execute(job_id: int) -> None:
    export_job_run(job_id=job_id)

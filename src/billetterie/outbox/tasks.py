"""Background task: a queued message is delivered by the task worker, after commit."""

from django_tasks import task

from billetterie.outbox.delivery import message_deliver


@task()
def message_deliver_task(message_id: int) -> str:
    return message_deliver(message_id=message_id).status

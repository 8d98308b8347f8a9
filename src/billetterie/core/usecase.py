"""How every write is run: one durable transaction, a short lock wait, a French "busy" message.

A use case (accept an offer, publish a wave, decide a derogation…) is one service function whose body
runs inside `use_case()`. The transaction is durable: a service never runs nested inside another
use case's transaction, so what it commits is really committed when it returns. On PostgreSQL a row
lock that another person holds for more than `LOCK_TIMEOUT` makes the use case give up with a
`Busy` error the pages show as is, instead of piling up waiting requests.

`Actor` is whoever acts: a signed-in user, or a label for the system ("travaux périodiques",
"ligne de commande"). `actor_user()` is the only place that turns it into a user row or None.
"""

from contextlib import contextmanager

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction

Actor = User | str | None

LOCK_TIMEOUT = "10s"
LOCK_NOT_AVAILABLE = "55P03"
BUSY_MESSAGE = (
    "Une autre personne modifie ces mêmes données en ce moment : rien n'a été enregistré. "
    "Réessayez dans un instant."
)


class Busy(ValidationError):
    """Another transaction held the rows for longer than the lock timeout; nothing was written."""

    def __init__(self):
        super().__init__(BUSY_MESSAGE, code="busy")


def actor_user(actor: Actor) -> User | None:
    """The user behind an actor, or None for the system and anonymous visitors."""
    return actor if getattr(actor, "is_authenticated", False) else None


def actor_label(actor: Actor) -> str:
    user = actor_user(actor)
    if user is not None:
        return user.email
    return actor if isinstance(actor, str) and actor else "système"


@contextmanager
def use_case():
    """One outer, durable transaction with a short lock timeout on PostgreSQL."""
    try:
        with transaction.atomic(durable=True):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
            yield
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        raise Busy() from exc


def skip_busy(step, **kwargs):
    """Run one step of periodic work; a row someone else holds is left for the next run."""
    try:
        return step(**kwargs)
    except Busy:
        return False

"""Real threads against PostgreSQL, for the concurrency tests (marked `postgres`: the root
conftest skips them on SQLite)."""

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def race(jobs) -> tuple[list, list[str]]:
    """Run each job in its own thread, all released together. Returns (results, unexpected):
    each job's return value or its French refusal (ValidationError), and the repr of anything
    else raised — which would reach a user as an error page."""
    barrier = threading.Barrier(len(jobs))
    results, unexpected = [None] * len(jobs), []

    def run(i, job):
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        except ValidationError as exc:
            results[i] = exc
        except Exception as exc:
            unexpected.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread is stuck (deadlock?)"
    return results, unexpected

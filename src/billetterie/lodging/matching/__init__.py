"""The lodging matching, a pure module (standard library and highspy, no Django).

`solve(instance)` places groups (needs) with hosts (offers): as many person-nights as possible,
each group in one place for its whole stay, within each host's beds night by night; then, among
the best, the hosts nearest the group's venues. See docs/lodging-matching.md."""

from .check import check
from .generator import generate
from .milp import DEFAULT_TIME_LIMIT, METHODS, solve
from .model import FAR_KM, FORMAT, RESULT_FORMAT, group_from, host_from, reason
from .validation import InstanceError, validate


def compatible(group: dict, host: dict) -> str | None:
    """None if the host can take the group (its free beds included), else a French reason."""
    return reason(group_from(group), host_from(host))


__all__ = [
    "DEFAULT_TIME_LIMIT",
    "FAR_KM",
    "FORMAT",
    "METHODS",
    "RESULT_FORMAT",
    "InstanceError",
    "check",
    "compatible",
    "generate",
    "solve",
    "validate",
]

"""Pure-Python allocation engine (no Django): weighted Maximum Nash Welfare over indivisible packs.

The contract is docs/allocation.md, section « Le contrat du moteur »: the rule, the certified gap,
the instance (``billetterie.allocation/1``) and result (``billetterie.allocation-result/1``) files
and the command line. The API the web application calls::

    from billetterie.allocation.engine import (
        METHODS, InstanceError, load_instance, solve, validate_instance, dumps_result,
    )

    instance = validate_instance(data)        # dict -> Instance, or InstanceError("packs[3].size: …")
    result = solve(data_or_instance, method="nash", seed=0, time_limit=60.0, gap_target=1e-3)

``solve`` returns the result dictionary: assignments of concrete packs, per-association allocation,
satisfaction and French explanation, per-tier objective with a proven bound and the certified gap
``exp((bound - nash) / sum w) - 1``, and metrics. ``METHODS`` lists ``nash`` (the rule) and the
comparison baselines ``proportional``, ``greedy`` and ``lottery``. The result is deterministic for a
given instance and seed except ``metrics.seconds`` (pass ``timing=False`` to omit it) and except when
``objective.tiers[].stopped_by_time_limit`` is true.
"""

from .jsonio import dumps_result, load_instance, write_result
from .model import Instance
from .solve import DEFAULT_GAP_TARGET, DEFAULT_TIME_LIMIT, METHODS, RESULT_FORMAT, solve
from .validation import FORMAT, InstanceError, validate_instance

__all__ = [
    "DEFAULT_GAP_TARGET",
    "DEFAULT_TIME_LIMIT",
    "FORMAT",
    "METHODS",
    "RESULT_FORMAT",
    "Instance",
    "InstanceError",
    "dumps_result",
    "load_instance",
    "solve",
    "validate_instance",
    "write_result",
]

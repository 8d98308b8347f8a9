"""Hooks: how a lower app tells higher apps that something happened, without importing them.

The layer rule (docs/architecture.md) lets an app import only the apps below it. When a change made
by a lower app must be followed by work that a higher app owns — a pack given back releases the
names given for it; the periodic run must also purge personal data — the lower app fires a hook
declared here, and the higher app connects its receiver in its `AppConfig.ready()`.

Receivers run synchronously, inside the caller's transaction, in the order the apps are installed
(which is the layer order): an exception in a receiver rolls the whole use case back. Every hook is
declared here with what it means and what it passes, and a test checks that each has a receiver.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Hook:
    name: str
    doc: str
    receivers: list[Callable] = field(default_factory=list, repr=False)

    def connect(self, receiver: Callable) -> Callable:
        if receiver not in self.receivers:
            self.receivers.append(receiver)
        return receiver

    def fire(self, **kwargs) -> list:
        """Call every receiver with the same keyword arguments; return what each returned."""
        return [receiver(**kwargs) for receiver in self.receivers]


pack_left_association = Hook(
    "pack_left_association",
    "An accepted pack has left its association (given back): whatever was attached to it for "
    "that association — named holders, groups — must go with it. Arguments: pack_id, actor.",
)

ticket_holder_changed = Hook(
    "ticket_holder_changed",
    "A named ticket changed hands after the names were sent (a name change was approved): what "
    "was issued for the former holder — the ticket office's download link — must go. Arguments: "
    "ticket_id, actor.",
)

periodic = Hook(
    "periodic",
    "The platform's periodic work (`billetterie run_periodic`, every minute): each receiver does "
    "its due work, safe to repeat, and returns a dict of counts for the report. Arguments: now.",
)

personal_data_held = Hook(
    "personal_data_held",
    "Does this app still hold personal data for the campaign (names, birth dates, contact "
    "details, free text that may carry a name, uploaded files)? Arguments: campaign. Returns a bool.",
)

personal_data_purge = Hook(
    "personal_data_purge",
    "The campaign passed its retention date: each app blanks, anonymises or deletes the personal "
    "data it holds for it, inside the caller's transaction (files after commit), safe to repeat. "
    "Arguments: campaign, now. Returns a dict {what: count}.",
)

message_examples = Hook(
    "message_examples",
    "The operator previews the wording of a message: each receiver returns example values of "
    "placeholders drawn from its own data for the campaign (a real pack's reference, its event…), "
    "as a dict {placeholder: plain text}; nothing is written. Arguments: campaign.",
)

tier_postponed = Hook(
    "tier_postponed",
    "An allocation instance is being built for the campaign: each receiver returns the ids of the "
    "associations to place one tier later than their applications give them, by a criterion the "
    "operator chose explicitly in the campaign's settings (the reliability in a former campaign); "
    "an empty set when no criterion is chosen. Nothing is written. Arguments: campaign.",
)

offer_closed = Hook(
    "offer_closed",
    "An offer stopped waiting for an answer, or its accepted pack left the association: outcome "
    "is one of accepted, declined, expired, given_back (in the last three the pack is "
    "back in the pool, and the continuous mode has already re-offered it if it could). A higher app "
    "that offered the pack for its own reason (the contest's prestige packs) follows it up. "
    "Arguments: offer_id, pack_id, outcome, actor.",
)

HOOKS = (
    pack_left_association,
    ticket_holder_changed,
    periodic,
    personal_data_held,
    personal_data_purge,
    message_examples,
    tier_postponed,
    offer_closed,
)

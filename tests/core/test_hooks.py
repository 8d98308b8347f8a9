"""Hooks: every declared hook has a receiver once the apps are loaded, and fires in layer order."""

from billetterie.core import hooks
from billetterie.core.periodic import periodic_run


def test_every_hook_has_a_receiver():
    assert {h.name: len(h.receivers) > 0 for h in hooks.HOOKS} == {
        h.name: True for h in hooks.HOOKS
    }


def test_periodic_work_reports_every_app_in_layer_order(db):
    keys = [done.key for done in periodic_run()]
    # The campaigns' retention (lower layer) reports first; offers expire before reminders go.
    assert keys == [
        "pending_uploads_deleted",
        "purged_campaigns",
        "messages_sent",
        "call_reminders",
        "expired",
        "reminders",
        "nominative_reminders",
    ]


def test_a_hook_calls_each_receiver_once_with_the_same_arguments():
    hook, calls = hooks.Hook("essai", "a hook for this test"), []
    receiver = hook.connect(lambda **kw: calls.append(kw) or len(calls))
    hook.connect(receiver)  # connecting twice does not call twice
    assert hook.fire(pack_id=3, actor=None) == [1]
    assert calls == [{"pack_id": 3, "actor": None}]

"""The operator's wording of each kind of message: the list, a check, save, reset, and a preview.

The operator rewrites the subject and body of a kind (`MessageTemplate`); a placeholder the kind
does not know is refused with its name, so that a typo never reaches an association as « {lein} ».
Reset removes the operator's wording: the default text applies again.

The preview renders the typed text as a message would be, with example values drawn from the
campaign: the messages sent keep their rendered text, not their placeholder values, so the
preview cannot replay a real message. Instead, a placeholder with a value in the campaign's data
(an association's name, a real pack's reference and event, the answer deadline of an offer sent
today, a nominative deadline…) takes that value, then the kind's own `examples`, else its
description in brackets. The page says so.
"""

import datetime as dt
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation

from billetterie.accounts.models import Role, User
from billetterie.campaigns.models import Operator
from billetterie.core import clock, hooks
from billetterie.core.audit import audit_log
from billetterie.core.changes import day, plural
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.members.models import Association
from billetterie.outbox.kinds import EMAIL, KINDS, SMS, Kind, kind_get
from billetterie.outbox.models import MessageTemplate
from billetterie.outbox.services import _html, common_values, fill, site_link

# Anything written between braces is meant as a placeholder: "{lien}", but also "{Lien}" or
# "{nom du lot}", which `fill` would leave as written.
BRACES = re.compile(r"\{([^{}\n]{1,60})\}")
SUBJECT_MAX, BODY_MAX = 255, 10_000
EXCERPT = 120  # the journal keeps this much of a text (and its length), never a whole letter


class UnknownKind(MessageTemplate.DoesNotExist):
    """No kind of message has this code (an interface answers 404)."""


@dataclass(frozen=True)
class Wording:
    """A kind with the operator's wording of it (or the default one)."""

    code: str
    kind: Kind
    subject: str
    body: str
    edited: bool
    updated_at: dt.datetime | None = None
    updated_by: str = ""

    @property
    def is_sms(self) -> bool:
        return self.kind.channel == SMS

    @property
    def channel_label(self) -> str:
        return "SMS" if self.is_sms else "E-mail"


def _kind(code: str) -> Kind:
    try:
        return kind_get(code)
    except ValueError:
        raise UnknownKind(code) from None


def _wording(code: str, kind: Kind, template: MessageTemplate | None) -> Wording:
    if template is None:
        return Wording(code, kind, kind.subject, kind.body, False)
    who = template.updated_by
    return Wording(
        code,
        kind,
        template.subject or kind.subject,
        template.body,
        True,
        template.updated_at,
        (who.get_full_name() or who.email) if who is not None else "",
    )


def wordings_of(*, operator) -> list[Wording]:
    """Every registered kind with the operator's wording, by label."""
    templates = {
        t.kind: t
        for t in MessageTemplate.objects.filter(operator=operator).select_related("updated_by")
    }
    return sorted(
        (_wording(code, kind, templates.get(code)) for code, kind in KINDS.items()),
        key=lambda w: (w.kind.label.lower(), w.code),
    )


def wording_of(*, operator, code: str) -> Wording:
    """One kind with the operator's wording; an unknown code → UnknownKind (a DoesNotExist)."""
    kind = _kind(code)
    template = (
        MessageTemplate.objects.filter(operator=operator, kind=code)
        .select_related("updated_by")
        .first()
    )
    return _wording(code, kind, template)


def _unknown(text: str, known: dict[str, str]) -> list[str]:
    seen = []
    for match in BRACES.finditer(text):
        name = match.group(1)
        if name not in known and name not in seen:
            seen.append(name)
    return seen


def _unknown_message(names: list[str], known: dict[str, str]) -> str:
    written = ", ".join(f"{{{n}}}" for n in names)
    possible = ", ".join(f"{{{n}}}" for n in known)
    if len(names) == 1:
        return f"Le champ {written} n'existe pas pour ce message. Champs possibles : {possible}."
    return f"Les champs {written} n'existent pas pour ce message. Champs possibles : {possible}."


def template_check(*, code: str, subject: str, body: str) -> tuple[str, str]:
    """The subject and body as they would be saved, or a ValidationError in French naming each
    unknown placeholder (an SMS has no subject)."""
    kind = _kind(code)
    known = kind.all_placeholders()
    subject = "" if kind.channel == SMS else " ".join((subject or "").split())
    body = "\n".join(line.rstrip() for line in (body or "").replace("\r\n", "\n").split("\n"))
    body = body.strip("\n")
    errors: dict[str, list[str]] = {}
    if kind.channel == EMAIL and not subject:
        errors.setdefault("subject", []).append("L'objet du message ne peut pas être vide.")
    if len(subject) > SUBJECT_MAX:
        errors.setdefault("subject", []).append(
            f"L'objet dépasse {SUBJECT_MAX} caractères ({len(subject)})."
        )
    if not body.strip():
        errors.setdefault("body", []).append("Le texte du message ne peut pas être vide.")
    if len(body) > BODY_MAX:
        errors.setdefault("body", []).append(
            f"Le texte dépasse {BODY_MAX} caractères ({len(body)})."
        )
    for field, text in (("subject", subject), ("body", body)):
        unknown = _unknown(text, known)
        if unknown:
            errors.setdefault(field, []).append(_unknown_message(unknown, known))
    if errors:
        raise ValidationError(errors)
    return subject, body


def excerpt(text: str) -> str:
    """What the journal keeps of a text: all of a short one, the start and the length of a long one."""
    if len(text) <= EXCERPT:
        return text
    return f"{text[:EXCERPT].rstrip()}… ({len(text)} caractères)"


def _locked_template(operator, code: str) -> MessageTemplate | None:
    """Inside the use case: the operator's row locked — one change of its wordings at a time, even
    when the template row does not exist yet — then its wording of this kind, if any."""
    Operator.objects.select_for_update(of=("self",)).get(pk=operator.pk)
    return MessageTemplate.objects.filter(operator=operator, kind=code).first()


def _audit(action: str, *, operator, code: str, actor: Actor, campaign, before: Wording, after):
    """The journal's entry of a change of wording: the kind, and the subject and body before and
    after (a long text is cut, see `excerpt`)."""
    changes = {
        name: {"before": excerpt(old), "after": excerpt(new)}
        for name, old, new in zip(
            ("subject", "body"), (before.subject, before.body), after, strict=True
        )
        if old != new
    }
    audit_log(
        action=action,
        actor=actor,
        subject=operator,
        campaign_id=campaign.pk if campaign is not None else None,
        details={"kind": code, "message": before.kind.label, **changes},
    )


def template_save(
    *, operator, code: str, subject: str, body: str, actor: Actor, campaign=None
) -> bool:
    """Save the operator's wording of a kind; False when it is the one already in use.

    Unknown placeholders and an empty body are refused. A wording equal to the default one is not
    kept as the operator's own: the kind shows as « par défaut » again.
    """
    subject, body = template_check(code=code, subject=subject, body=body)
    kind = _kind(code)
    with use_case():
        template = _locked_template(operator, code)
        before = _wording(code, kind, template)
        if (before.subject, before.body) == (subject, body):
            return False
        if (subject, body) == (kind.subject, kind.body):
            if template is not None:
                template.delete()
        else:
            MessageTemplate.objects.update_or_create(
                operator=operator,
                kind=code,
                defaults={
                    "subject": subject,
                    "body": body,
                    "updated_at": clock.now(),
                    "updated_by": actor_user(actor),
                },
            )
        _audit(
            "outbox.template_changed",
            operator=operator,
            code=code,
            actor=actor,
            campaign=campaign,
            before=before,
            after=(subject, body),
        )
    return True


def template_reset(*, operator, code: str, actor: Actor, campaign=None) -> bool:
    """Remove the operator's wording of a kind: the default text applies again. False when the
    kind already had its default text."""
    kind = _kind(code)
    with use_case():
        template = _locked_template(operator, code)
        if template is None:
            return False
        before = _wording(code, kind, template)
        template.delete()
        _audit(
            "outbox.template_reset",
            operator=operator,
            code=code,
            actor=actor,
            campaign=campaign,
            before=before,
            after=(kind.subject, kind.body),
        )
    return True


# The preview


def _when(moment: dt.datetime, pattern: str) -> str:
    with translation.override("fr"), timezone.override(settings.TIME_ZONE):
        return formats.date_format(timezone.localtime(moment), pattern)


def campaign_examples(*, campaign) -> dict[str, str]:
    """Example values of placeholders drawn from the campaign's data (see the module's docstring):
    the outbox's own reads, then what the apps above it give through the `message_examples` hook."""
    operator = campaign.operator
    values = common_values(operator=operator, campaign=campaign)
    association = Association.objects.filter(operator=operator).order_by("name").first()
    if association is not None:
        values["association"] = association.name
        referent = (
            User.objects.filter(association=association, role=Role.REFERENT, is_active=True)
            .order_by("email")
            .first()
        )
        if referent is not None:
            values["email"] = referent.email
            values["role"] = f"référent de l'association « {association.name} »"
    deadline = clock.now() + dt.timedelta(days=campaign.response_delay_days)
    values.update(
        {
            "echeance": _when(deadline, "l j F Y à H:i"),
            "echeance_jour": _when(deadline, "j F"),
            "heure": _when(deadline, "H:i"),
            "delai": plural(campaign.response_delay_days, "jour"),
            "propositions": "1 lot vous est proposé",
            "en_attente": "1 lot attend",
            "lien": site_link("/"),
        }
    )
    for setting in campaign.games_settings.select_related("games").order_by("games__code"):
        if setting.nominative_deadline is not None:
            values.setdefault("jeux", setting.games.name)
            values.setdefault("echeance_noms", day(setting.nominative_deadline))
    for part in hooks.message_examples.fire(campaign=campaign):
        values.update(part)
    return values


@dataclass(frozen=True)
class Example:
    name: str
    description: str
    value: str
    source: str  # « campagne », « exemple » or « description »


@dataclass(frozen=True)
class SmsLength:
    characters: int
    segments: int
    per_segment: int
    # Characters outside the GSM alphabet: one of them makes every SMS of the message shorter.
    special: tuple[str, ...]


@dataclass(frozen=True)
class TemplatePreview:
    subject: str
    text: str
    html: str  # the body of the e-mail's HTML version, without its inline styles
    examples: tuple[Example, ...]
    sms: SmsLength | None


# The GSM 03.38 alphabet of SMS (the extension characters count twice).
GSM = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = set("^{}\\[~]|€\f")


def sms_length(text: str) -> SmsLength:
    """How many SMS a text takes: 160 characters (153 each when split) in the GSM alphabet, else
    70 (67 each when split) — one « ê » or « » » is enough to change the count."""
    special = tuple(dict.fromkeys(c for c in text if c not in GSM and c not in GSM_EXTENSION))
    if special:
        units = len(text.encode("utf-16-le")) // 2
        single, split = 70, 67
    else:
        units = sum(2 if c in GSM_EXTENSION else 1 for c in text)
        single, split = 160, 153
    per = single if units <= single else split
    return SmsLength(len(text), math.ceil(units / per) if units else 0, per, special)


BODY_TAG = re.compile(r"<body[^>]*>(.*)</body>", re.S)
STYLE = re.compile(r'\sstyle="[^"]*"')


def template_preview(*, operator, code: str, subject: str, body: str, campaign) -> TemplatePreview:
    """The typed subject and body rendered as a message of this kind would be, with example
    values from the campaign (nothing is written). Unknown placeholders stay as written."""
    kind = _kind(code)
    facts = campaign_examples(campaign=campaign)
    examples = []
    for name, description in kind.all_placeholders().items():
        if facts.get(name):
            examples.append(Example(name, description, facts[name], "campagne"))
        elif kind.examples.get(name):
            examples.append(Example(name, description, kind.examples[name], "exemple"))
        else:
            examples.append(Example(name, description, f"[{description}]", "description"))
    values = {e.name: e.value for e in examples}
    shown_subject = " ".join(fill(subject or "", values).split())[:SUBJECT_MAX]
    text = fill((body or "").replace("\r\n", "\n"), values).strip() + "\n"
    if kind.channel == SMS:
        return TemplatePreview("", text, "", tuple(examples), sms_length(text.strip()))
    page = _html(text, link=values.get(kind.link, ""), subject=shown_subject)
    match = BODY_TAG.search(page)
    fragment = STYLE.sub("", match.group(1)) if match else ""
    return TemplatePreview(shown_subject, text, fragment, tuple(examples), None)

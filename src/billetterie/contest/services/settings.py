"""The operator's settings of the contest: limits, ranking method, prestige tickets put in play,
scoring criteria, the kit (text and files) and the jury's president. Every change is audited.

The contest's dates belong to the campaign (its « Réglages » page): they are shown on the contest
page, never edited twice."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from billetterie.accounts.models import Role, User
from billetterie.attendees.services.letters import scan_check
from billetterie.contest.models import ContestSettings, Criterion, KitFile, ScoreMethod
from billetterie.contest.selectors import (
    TRIMMED_MIN_MEMBERS,
    contest_settings_of,
    jury_members_of,
    prestige_stock,
)
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.changes import Change, plural
from billetterie.core.usecase import Actor, use_case

DEFAULT_CRITERIA = [
    ("Sincérité des souvenirs", "Les souvenirs sonnent vrais, personnels, vécus.", 2),
    (
        "Parole des enfants",
        "Les enfants parlent eux-mêmes, avec leurs mots ; chacun a sa place.",
        2,
    ),
    ("Qualité d'écoute", "On comprend ce qui est dit ; l'enregistrement s'écoute avec plaisir.", 1),
]
MB = 1_000_000
MAX_SIZE_MB = 20  # the request itself is capped at REQUEST_MAX_BYTES (21 Mo)
KIT_TYPES = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
KIT_REFUSED = "Le kit accepte des fichiers PDF, JPEG ou PNG lisibles, de 5 Mo au plus."


def contest_settings_ensure(*, campaign, actor: Actor) -> ContestSettings:
    """The contest's settings, created with the defaults and the proposed criteria the first time
    the operator opens the contest page (safe to repeat)."""
    with use_case():
        settings, created = ContestSettings.objects.select_for_update(of=("self",)).get_or_create(
            campaign=campaign, defaults={"updated_at": clock.now()}
        )
        if created:
            if not Criterion.objects.filter(campaign=campaign).exists():
                Criterion.objects.bulk_create(
                    Criterion(campaign=campaign, name=name, description=text, weight=w, position=i)
                    for i, (name, text, w) in enumerate(DEFAULT_CRITERIA, start=1)
                )
            audit_log(
                action="contest.settings_created",
                actor=actor,
                subject=settings,
                campaign_id=campaign.pk,
                details={"criteria": [name for name, _text, _w in DEFAULT_CRITERIA]},
            )
    return settings


def _size_words(size: int) -> str:
    return f"{Decimal(size) / MB:.1f} Mo".replace(".", ",").replace(",0 Mo", " Mo")


def _tickets_words(value: int | None, stock) -> str:
    if value is None:
        return f"tous les billets prestige ({plural(stock.tickets, 'billet')})"
    return plural(value, "billet")


def contest_settings_preview(*, campaign, values: dict) -> list[Change]:
    """What would change (nothing is written); refuses as `contest_settings_update` would."""
    settings = contest_settings_of(campaign=campaign)
    stock = prestige_stock(campaign=campaign)
    members = jury_members_of(campaign=campaign).filter(is_active=True).count()
    errors = {}
    if values["score_method"] == ScoreMethod.TRIMMED and members < TRIMMED_MIN_MEMBERS:
        errors["score_method"] = (
            f"La moyenne sans la note la plus haute ni la plus basse demande au moins "
            f"{TRIMMED_MIN_MEMBERS} membres du jury ; le jury en compte {members}."
        )
    tickets = values["prestige_tickets"]
    if tickets is not None and tickets > stock.tickets:
        errors["prestige_tickets"] = (
            f"Les lots prestige de la campagne comptent {plural(stock.tickets, 'billet')} : "
            f"on ne peut pas en mettre plus en jeu."
        )
    if errors:
        raise ValidationError(errors)
    rows = [
        (
            "max_duration_seconds",
            "Durée maximale d'un enregistrement",
            f"{settings.max_duration_seconds} secondes",
            f"{values['max_duration_seconds']} secondes",
        ),
        (
            "max_size_bytes",
            "Taille maximale d'un fichier",
            _size_words(settings.max_size_bytes),
            _size_words(values["max_size_bytes"]),
        ),
        (
            "prestige_tickets",
            "Billets prestige mis en jeu",
            _tickets_words(settings.prestige_tickets, stock),
            _tickets_words(tickets, stock),
        ),
        (
            "score_method",
            "Calcul du classement",
            ScoreMethod(settings.score_method).label,
            ScoreMethod(values["score_method"]).label,
        ),
        (
            "kit_text",
            "Texte du kit d'animation",
            _text_words(settings.kit_text),
            _text_words(values["kit_text"]),
        ),
    ]
    return [Change(f, label, before, after) for f, label, before, after in rows if before != after]


def _text_words(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return "vide"
    return text if len(text) <= 120 else text[:117] + "…"


SETTINGS_FIELDS = ("max_duration_seconds", "max_size_bytes", "prestige_tickets", "score_method")


def contest_settings_update(*, campaign, values: dict, actor: Actor) -> ContestSettings:
    changes = contest_settings_preview(campaign=campaign, values=values)
    with use_case():
        settings, _ = ContestSettings.objects.select_for_update(of=("self",)).get_or_create(
            campaign=campaign, defaults={"updated_at": clock.now()}
        )
        before = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
        for name in (*SETTINGS_FIELDS, "kit_text"):
            setattr(settings, name, values[name])
        settings.updated_at = clock.now()
        settings.full_clean(exclude=["campaign", "president"])
        settings.save()
        changed = {c.field for c in changes}
        audit_log(
            action="contest.settings_changed",
            actor=actor,
            subject=settings,
            campaign_id=campaign.pk,
            details={
                "changes": {
                    name: {"before": before[name], "after": values[name]}
                    for name in SETTINGS_FIELDS
                    if name in changed
                },
                "kit_text_changed": "kit_text" in changed,
            },
        )
    return settings


# --- criteria -----------------------------------------------------------------------------------


def _criterion_unique(*, campaign, name: str, exclude_id: int | None = None) -> None:
    same = Criterion.objects.filter(campaign=campaign, name__iexact=name.strip())
    if exclude_id:
        same = same.exclude(pk=exclude_id)
    if same.exists():
        raise ValidationError({"name": f"Le critère « {name.strip()} » existe déjà."})


def _scores_frozen(campaign) -> None:
    if Criterion.objects.filter(campaign=campaign, scores__isnull=False).exists():
        raise ValidationError(
            "Le jury a commencé à noter : les critères ne peuvent plus être ajoutés, supprimés "
            "ni changés de poids."
        )


def criterion_add(*, campaign, name: str, description: str, weight: int, actor: Actor) -> Criterion:
    with use_case():
        _scores_frozen(campaign)
        _criterion_unique(campaign=campaign, name=name)
        last = Criterion.objects.filter(campaign=campaign).aggregate(m=Max("position"))["m"] or 0
        criterion = Criterion(
            campaign=campaign,
            name=name.strip(),
            description=description.strip(),
            weight=weight,
            position=last + 1,
        )
        criterion.full_clean()
        criterion.save()
        audit_log(
            action="contest.criterion_added",
            actor=actor,
            subject=criterion,
            campaign_id=campaign.pk,
            details={"criterion": criterion.name, "weight": weight},
        )
    return criterion


def criterion_update(
    *, campaign, criterion_id: int, name: str, description: str, weight: int, actor: Actor
) -> Criterion:
    with use_case():
        criterion = Criterion.objects.select_for_update(of=("self",)).get(
            pk=criterion_id, campaign=campaign
        )
        if weight != criterion.weight:
            _scores_frozen(campaign)
        _criterion_unique(campaign=campaign, name=name, exclude_id=criterion.pk)
        before = {"name": criterion.name, "weight": criterion.weight}
        criterion.name, criterion.description = name.strip(), description.strip()
        criterion.weight = weight
        criterion.full_clean()
        criterion.save()
        audit_log(
            action="contest.criterion_changed",
            actor=actor,
            subject=criterion,
            campaign_id=campaign.pk,
            details={"before": before, "after": {"name": criterion.name, "weight": weight}},
        )
    return criterion


def criterion_delete(*, campaign, criterion_id: int, actor: Actor) -> None:
    with use_case():
        criterion = Criterion.objects.select_for_update(of=("self",)).get(
            pk=criterion_id, campaign=campaign
        )
        _scores_frozen(campaign)
        audit_log(
            action="contest.criterion_deleted",
            actor=actor,
            subject=criterion,
            campaign_id=campaign.pk,
            details={"criterion": criterion.name, "weight": criterion.weight},
        )
        criterion.delete()


def criterion_move(*, campaign, criterion_id: int, up: bool, actor: Actor) -> None:
    """Swap a criterion with its neighbour above (up) or below; the order is renumbered 1…n."""
    with use_case():
        criteria = list(
            Criterion.objects.select_for_update(of=("self",))
            .filter(campaign=campaign)
            .order_by("position", "pk")
        )
        ids = [c.pk for c in criteria]
        if criterion_id not in ids:
            raise Criterion.DoesNotExist("critère introuvable")
        index = ids.index(criterion_id)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(criteria):
            return
        criteria[index], criteria[other] = criteria[other], criteria[index]
        for position, criterion in enumerate(criteria, start=1):
            criterion.position = position
        Criterion.objects.bulk_update(criteria, ["position"])
        audit_log(
            action="contest.criteria_reordered",
            actor=actor,
            campaign_id=campaign.pk,
            details={"order": [c.name for c in criteria]},
        )


# --- the kit ------------------------------------------------------------------------------------


def kit_check(content: bytes) -> str:
    """The content type of a kit file (PDF without active content, PNG or JPEG), from its bytes."""
    try:
        return scan_check(content)
    except ValidationError as exc:
        if exc.code in ("type", "too_big", "empty"):
            raise ValidationError({"file": KIT_REFUSED}, code=exc.code) from None
        raise ValidationError({"file": exc.messages}) from None


def kit_file_add(*, campaign, title: str, content: bytes, actor: Actor) -> KitFile:
    kind = kit_check(content)
    with use_case():
        kit = KitFile(
            campaign=campaign,
            title=title.strip(),
            content_type=kind,
            size=len(content),
            uploaded_at=clock.now(),
        )
        kit.file.save(f"kit{KIT_TYPES[kind]}", ContentFile(content), save=False)
        kit.save()
        audit_log(
            action="contest.kit_file_added",
            actor=actor,
            subject=kit,
            campaign_id=campaign.pk,
            details={"title": kit.title, "type": kind, "size": len(content)},
        )
    return kit


def kit_file_delete(*, campaign, file_id: int, actor: Actor) -> None:
    with use_case():
        kit = KitFile.objects.select_for_update(of=("self",)).get(pk=file_id, campaign=campaign)
        name = kit.file.name
        audit_log(
            action="contest.kit_file_deleted",
            actor=actor,
            subject=kit,
            campaign_id=campaign.pk,
            details={"title": kit.title},
        )
        kit.delete()
        storage = KitFile._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name) if name else None)


# --- the jury -----------------------------------------------------------------------------------


def contest_president_set(*, campaign, user_id: int | None, actor: Actor) -> ContestSettings:
    """Choose the president among the campaign's active jury members (None: no president)."""
    with use_case():
        settings, _ = ContestSettings.objects.select_for_update(of=("self",)).get_or_create(
            campaign=campaign, defaults={"updated_at": clock.now()}
        )
        president = None
        if user_id is not None:
            president = User.objects.get(
                pk=user_id, role=Role.JURY, jury_campaign=campaign, is_active=True
            )
        before = settings.president_id
        settings.president = president
        settings.updated_at = clock.now()
        settings.save(update_fields=["president", "updated_at"])
        audit_log(
            action="contest.president_set",
            actor=actor,
            subject=settings,
            campaign_id=campaign.pk,
            details={"before": before, "after": user_id},
        )
    return settings

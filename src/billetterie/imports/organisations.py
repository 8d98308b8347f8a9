"""Importing the operator's associations and their JOP referents."""

from dataclasses import dataclass

from django.db.models.functions import Lower

from billetterie.accounts.models import Role, User
from billetterie.imports import cells
from billetterie.imports.contracts import ORGANISATIONS
from billetterie.imports.pipeline import duplicates_flag, fields_clean, importer
from billetterie.imports.reader import Table
from billetterie.imports.results import ImportResult, RowErrors
from billetterie.members.geography import coordinates_from_postal_code, departement_from_postal_code
from billetterie.members.models import Association
from billetterie.outbox.invitations import invitations_send

BATCH = 500
REFERENT_KEYS = ("referent_last_name", "referent_first_name", "referent_email", "referent_phone")


@dataclass
class Referent:
    email: str
    first_name: str
    last_name: str
    phone: str


@dataclass
class OrganisationRecord:
    line: int
    identifier: str
    name: str
    is_member: bool
    postal_code: str
    town: str
    departement: str
    youth_followed: int
    referent: Referent | None


def _parse(row, errors: RowErrors) -> OrganisationRecord | None:
    values, line, parsed = row.values, row.line, {}
    fields = {
        "identifier": (True, lambda v: cells.text(v, max_length=40)),
        "name": (True, lambda v: cells.text(v, max_length=255)),
        "is_member": (True, cells.boolean),
        "postal_code": (True, cells.postal_code),
        "town": (True, lambda v: cells.text(v, max_length=120)),
        "youth_followed": (False, lambda v: cells.integer(v, maximum=1_000_000)),
        "referent_last_name": (False, lambda v: cells.text(v, max_length=150)),
        "referent_first_name": (False, lambda v: cells.text(v, max_length=150)),
        "referent_email": (False, cells.email),
        "referent_phone": (False, cells.phone),
    }
    failed = not errors.parse(line, values, fields, parsed)
    departement = ""
    if "postal_code" in parsed:
        departement = departement_from_postal_code(parsed["postal_code"]) or ""
        if not departement:
            errors.add(
                line,
                "postal_code",
                f"le code postal « {parsed['postal_code']} » ne correspond à aucun département",
            )
            failed = True
    has_referent = any(not cells.is_blank(values.get(key)) for key in REFERENT_KEYS)
    if has_referent and cells.is_blank(values.get("referent_email")):
        errors.add(
            line, "referent_email", "adresse e-mail obligatoire pour créer le compte du référent"
        )
        failed = True
    if failed:
        return None
    referent = None
    if has_referent:
        referent = Referent(
            email=parsed["referent_email"],
            first_name=parsed.get("referent_first_name", ""),
            last_name=parsed.get("referent_last_name", ""),
            phone=parsed.get("referent_phone", ""),
        )
    return OrganisationRecord(
        line=line,
        identifier=parsed["identifier"],
        name=parsed["name"],
        is_member=parsed["is_member"],
        postal_code=parsed["postal_code"],
        town=parsed["town"],
        departement=departement,
        youth_followed=parsed.get("youth_followed", 0),
        referent=referent,
    )


def _validate(*, table: Table, errors: RowErrors, campaign) -> dict:
    records = [record for row in table.rows if (record := _parse(row, errors)) is not None]
    duplicates_flag(
        rows=table.rows,
        errors=errors,
        column="identifier",
        key=lambda row: cells.text(row.values.get("identifier")) or None,
        describe=lambda value: f"l'identifiant « {value} »",
    )
    duplicates_flag(
        rows=table.rows,
        errors=errors,
        column="referent_email",
        key=lambda row: cells.text(row.values.get("referent_email")).lower() or None,
        describe=lambda value: f"l'adresse e-mail « {value} »",
    )
    identifiers = {record.identifier for record in records}
    emails = {record.referent.email for record in records if record.referent}
    associations = {
        a.identifier: a
        for a in Association.objects.select_for_update(of=("self",)).filter(
            operator=campaign.operator, identifier__in=identifiers
        )
    }
    users = {
        u.email.lower(): u
        for u in User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=list(emails))
        .select_related("association")
    }
    for record in records:
        if record.referent is None or record.referent.email not in users:
            continue
        user = users[record.referent.email]
        existing = associations.get(record.identifier)
        if user.role != Role.REFERENT:
            errors.add(
                record.line,
                "referent_email",
                "cette adresse e-mail est déjà celle d'un compte qui n'est pas un référent",
            )
        elif existing is None or user.association_id != existing.pk:
            same_operator = (
                user.association and user.association.operator_id == campaign.operator_id
            )
            owner = f" (« {user.association.name} »)" if same_operator else ""
            errors.add(
                record.line,
                "referent_email",
                f"cette adresse e-mail est déjà celle du référent d'une autre association{owner}",
            )
    return {"records": records, "associations": associations, "users": users}


def _association_apply(record: OrganisationRecord, association: Association) -> list[str]:
    """Copy the record onto the association; the names of the fields that changed."""
    wanted = {
        "name": record.name,
        "is_member": record.is_member,
        "postal_code": record.postal_code,
        "town": record.town,
        "departement": record.departement,
        "youth_followed": record.youth_followed,
    }
    if (
        association.pk is None
        or association.postal_code != record.postal_code
        or association.latitude is None
    ):
        coordinates = coordinates_from_postal_code(record.postal_code)
        wanted["latitude"], wanted["longitude"] = coordinates if coordinates else (None, None)
    changed = [name for name, value in wanted.items() if getattr(association, name) != value]
    for name in changed:
        setattr(association, name, wanted[name])
    return changed


def _referent_apply(
    record: OrganisationRecord, association: Association, users: dict, writes: "_Writes"
) -> bool:
    referent = record.referent
    user = users.get(referent.email)
    if user is None:
        user = User(
            email=referent.email,
            first_name=referent.first_name,
            last_name=referent.last_name,
            phone=referent.phone,
            role=Role.REFERENT,
            association=association,
        )
        user.set_unusable_password()  # the referent chooses one from the invitation
        fields_clean(user, relations=("password", "operator", "association", "jury_campaign"))
        writes.new_users.append(user)
        return True
    wanted = {
        "first_name": referent.first_name,
        "last_name": referent.last_name,
        "phone": referent.phone,
    }
    changed = [name for name, value in wanted.items() if value and getattr(user, name) != value]
    if changed:
        for name in changed:
            setattr(user, name, wanted[name])
        writes.changed_users.append(user)
        writes.user_fields.update(changed)
    return bool(changed)


class _Writes:
    """What the file creates and changes, written in a few bulk queries whatever its length."""

    def __init__(self):
        self.new_associations: list[Association] = []
        self.changed_associations: list[Association] = []
        self.association_fields: set[str] = set()
        self.new_users: list[User] = []
        self.changed_users: list[User] = []
        self.user_fields: set[str] = set()

    def save(self, result: ImportResult) -> None:
        Association.objects.bulk_create(self.new_associations, batch_size=BATCH)
        if self.changed_associations:
            Association.objects.bulk_update(
                self.changed_associations, sorted(self.association_fields), batch_size=BATCH
            )
        # The new accounts point to associations that now have their keys.
        User.objects.bulk_create(self.new_users, batch_size=BATCH)
        if self.changed_users:
            User.objects.bulk_update(self.changed_users, sorted(self.user_fields), batch_size=BATCH)
        if self.new_users:
            result.add("referents_created", len(self.new_users))
        if self.changed_users:
            result.add("referents_updated", len(self.changed_users))


def _write(*, records: dict, result: ImportResult, campaign) -> None:
    associations, users = records["associations"], records["users"]
    writes = _Writes()
    for record in records["records"]:
        association = associations.get(record.identifier)
        created = association is None
        if created:
            association = Association(operator=campaign.operator, identifier=record.identifier)
        changed = _association_apply(record, association)
        if created or changed:
            fields_clean(association, relations=("operator",))
        if created:
            writes.new_associations.append(association)
        elif changed:
            writes.changed_associations.append(association)
            writes.association_fields.update(changed)
        referent_changed = record.referent is not None and _referent_apply(
            record, association, users, writes
        )
        result.count_row(created=created, changed=bool(changed) or referent_changed)
    writes.save(result)
    records["new_users"] = writes.new_users


def _invite(*, records: dict, result: ImportResult, campaign, actor) -> None:
    """Each referent account the file created receives its invitation (existing ones do not)."""
    queued = invitations_send(users=records["new_users"], actor=actor, campaign=campaign)
    if queued:
        result.add("invitations_queued", len(queued))


organisations_import = importer(
    contract=ORGANISATIONS,
    validate=_validate,
    write=_write,
    notify=_invite,
    doc="Create or update the operator's associations and their referents' accounts, and invite "
    "each new referent to choose a password.",
)

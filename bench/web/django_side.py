"""The project's side of the web benchmark, run in the project's virtualenv against the bench database.

    python bench/web/django_side.py prepare  OUT.json --password P [--referents N] [--operators N]
    python bench/web/django_side.py queries  ACCOUNTS.json OUT.json [--sample N]
    python bench/web/django_side.py integrity OUT.json

- prepare: the accounts locust plays (the seeded referents of the campaign with packs to answer or
  to name, the operator's staff) and the addresses of the dashboard and of the campaign's published
  allocation run. Operator staff must pass a second factor: each gets recovery codes (django-otp's
  static device, as the « codes de secours » of the security page), one per sign-in.
- queries: the SQL queries each measured page runs, for a sample of referents and an operator,
  through Django's test client (real views, real middleware, real sign-in) — no load.
- integrity: after the load, what must never happen: a pack with two live offers, a pack whose
  state disagrees with its offers, a ticket named for a person of another association.

DATABASE_URL (and the rest of the configuration) comes from the environment.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import GROUP_LINK, OFFER_BOX  # noqa: E402


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "billetterie.settings")
    # The version under measure comes first on PYTHONPATH (the baseline's extracted code); this
    # checkout's code only when nothing else is given.
    sys.path[:0] = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p] or [
        str(ROOT / "src")
    ]
    import django

    django.setup()


def _campaign(slug: str | None):
    from billetterie.campaigns.models import Campaign

    qs = Campaign.objects.order_by("-pk")
    return qs.get(slug=slug) if slug else qs.first()


def prepare(out: Path, *, password: str, slug: str | None, referents: int, operators: int) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.urls import reverse
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from billetterie.accounts.models import Role, User
    from billetterie.allocation.models import AllocationRun
    from billetterie.offers.models import Offer, OfferStatus

    campaign = _campaign(slug)
    busy = (
        Offer.objects.filter(
            campaign=campaign, status__in=[OfferStatus.PENDING, OfferStatus.ACCEPTED]
        )
        .values_list("association_id", flat=True)
        .distinct()
    )
    people = list(
        User.objects.filter(role=Role.REFERENT, association_id__in=busy, is_active=True)
        .order_by("pk")
        .values_list("email", flat=True)[:referents]
    )
    staff = list(
        User.objects.filter(
            role=Role.OPERATOR_STAFF, operator=campaign.operator, is_active=True
        ).order_by("pk")[:operators]
    )
    if not people or not staff:
        sys.exit("Aucun référent ou aucun membre de l'opérateur dans la base du banc d'essai.")
    codes = {}
    # One hash for every account, made by this version's hasher (its parameters are measured).
    hashed = make_password(password)
    with transaction.atomic():
        User.objects.filter(email__in=people).update(password=hashed)
        User.objects.filter(pk__in=[u.pk for u in staff]).update(password=hashed)
        for user in staff:
            # Staff must have a real second factor (else the sign-in asks to set one up first).
            TOTPDevice.objects.get_or_create(
                user=user, name="Banc d'essai", defaults={"confirmed": True}
            )
            device, _ = StaticDevice.objects.get_or_create(
                user=user, name="Banc d'essai", defaults={"confirmed": True}
            )
            device.token_set.all().delete()
            tokens = [f"banc{user.pk:05d}{i:05d}" for i in range(400)]
            StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in tokens)
            codes[user.email] = tokens
    run = (
        AllocationRun.objects.filter(campaign=campaign, published_at__isnull=False)
        .order_by("-published_at")
        .first()
    )
    accounts = {
        "campaign": campaign.slug,
        "referents": [{"email": e, "password": password} for e in people],
        # Several locust users may share one operator account: each takes its own codes.
        "operators": [
            {"email": u.email, "password": password, "codes": codes[u.email][k::4]}
            for u in staff
            for k in range(4)
        ],
        "dashboard_url": reverse("backoffice:dashboard", kwargs={"campaign_slug": campaign.slug}),
        "run_url": reverse(
            "backoffice:run", kwargs={"campaign_slug": campaign.slug, "number": run.number}
        )
        if run
        else None,
    }
    out.write_text(json.dumps(accounts, ensure_ascii=False), encoding="utf-8")
    print(
        f"{len(people)} référents, {len(staff)} membres de l'opérateur, calcul : {accounts['run_url']}"
    )


def queries(accounts_file: Path, out: Path, *, sample: int) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    accounts = json.loads(accounts_file.read_text(encoding="utf-8"))
    counts: dict[str, list[int]] = {}
    times: dict[str, list[float]] = {}

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    def measure(name, call, *args):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = call(*args)
        times.setdefault(name, []).append((time.perf_counter() - started) * 1000)
        expected = 302 if call.__name__ == "post" else 200
        if response.status_code != expected:
            sys.exit(f"{name} : réponse {response.status_code} au lieu de {expected} ({args[0]})")
        counts.setdefault(name, []).append(len(ctx.captured_queries))
        return response

    step = max(1, len(accounts["referents"]) // sample)
    for account in accounts["referents"][::step][:sample]:
        client = Client()
        credentials = {"username": account["email"], "password": account["password"]}
        measure("connexion (mot de passe)", client.post, "/compte/connexion/", credentials)
        measure("accueil référent", client.get, "/association/")
        offers = measure("propositions", client.get, "/association/propositions/")
        boxes = OFFER_BOX.findall(offers.content.decode())
        if boxes:
            answer = {"lot": boxes[:2], "reponse": "accepter"}
            url = "/association/propositions/repondre/"
            measure("propositions : confirmation", client.get, url, answer)
        url = f"/association/beneficiaires/{accounts['campaign']}/"
        page = measure("bénéficiaires", client.get, url)
        groups = GROUP_LINK.findall(page.content.decode())
        if groups:
            measure("groupe (nommer)", client.get, groups[0])
        url = f"/association/pourquoi-ces-lots/{accounts['campaign']}/"
        measure("pourquoi ces lots (hors charge)", client.get, url)
    operator = accounts["operators"][0]
    client = Client()
    credentials = {"username": operator["email"], "password": operator["password"]}
    client.post("/compte/connexion/", credentials)
    client.post("/compte/double-authentification/", {"code": operator["codes"][0]})
    for _ in range(2):
        measure("tableau de bord", client.get, accounts["dashboard_url"])
        if accounts["run_url"]:
            measure("calcul d'attribution", client.get, accounts["run_url"])
    summary = {
        name: {
            "median": statistics.median(values),
            "max": max(values),
            "pages": len(values),
            # One at a time, no load: what the page costs by itself (the first view included).
            "ms_median": round(statistics.median(times[name]), 1),
        }
        for name, values in counts.items()
    }
    out.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, row in summary.items():
        print(f"  {name:32} {row['median']:>6} requêtes (max {row['max']}), {row['ms_median']} ms")


def integrity(out: Path) -> None:
    from django.db.models import Count, Exists, OuterRef, Q

    from billetterie.attendees.models import Holder
    from billetterie.inventory.models import Pack, PackStatus
    from billetterie.offers.models import Offer, OfferStatus

    live = Offer.objects.filter(status__in=[OfferStatus.PENDING, OfferStatus.ACCEPTED])
    two_live = live.values("pack_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    accepted = Pack.objects.annotate(
        n=Count("offers", filter=Q(offers__status=OfferStatus.ACCEPTED))
    )
    pending = Pack.objects.annotate(n=Count("offers", filter=Q(offers__status=OfferStatus.PENDING)))
    state_mismatch = (
        accepted.filter(status=PackStatus.ACCEPTED).exclude(n=1).count()
        + accepted.exclude(status=PackStatus.ACCEPTED).exclude(n=0).count()
        + pending.filter(status=PackStatus.OFFERED).exclude(n=1).count()
    )
    accepted_here = Offer.objects.filter(
        pack_id=OuterRef("ticket__pack_id"),
        association_id=OuterRef("person__association_id"),
        status=OfferStatus.ACCEPTED,
    )
    foreign_holders = Holder.objects.exclude(Exists(accepted_here)).count()
    report = {
        "packs_with_two_live_offers": two_live,
        "packs_state_mismatch": state_mismatch,
        "holders_outside_accepted_packs": foreign_holders,
        "accepted_offers": Offer.objects.filter(status=OfferStatus.ACCEPTED).count(),
        "holders": Holder.objects.count(),
    }
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report))


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("out", type=Path)
    p.add_argument("--password", required=True)
    p.add_argument("--campaign")
    p.add_argument("--referents", type=int, default=3000)
    p.add_argument("--operators", type=int, default=5)
    q = sub.add_parser("queries")
    q.add_argument("accounts", type=Path)
    q.add_argument("out", type=Path)
    q.add_argument("--sample", type=int, default=5)
    i = sub.add_parser("integrity")
    i.add_argument("out", type=Path)
    args = parser.parse_args()
    _setup()
    if args.command == "prepare":
        prepare(
            args.out,
            password=args.password,
            slug=args.campaign,
            referents=args.referents,
            operators=args.operators,
        )
    elif args.command == "queries":
        queries(args.accounts, args.out, sample=args.sample)
    else:
        integrity(args.out)


if __name__ == "__main__":
    main()

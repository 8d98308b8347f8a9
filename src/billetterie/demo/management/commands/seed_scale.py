"""`billetterie seed_scale`: national-scale data for load tests (campaign `echelle-2024`)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from billetterie.demo.progress import Progress
from billetterie.demo.scale import (
    CLOCK_AT,
    OPERATOR_EMAIL,
    PASSWORD,
    SEED,
    SLUG,
    TOTP_KEY_BASE32,
    TOTP_KEY_HEX,
    Shape,
    operator_email,
    referent_email,
    scale_counts,
    scale_exists,
    scale_seed,
)


def _n(value: int) -> str:
    """French thousands separator: 190 000."""
    return f"{value:,}".replace(",", "\u202f")


class Command(BaseCommand):
    help = (
        "Charge des données d'échelle nationale (campagne « echelle-2024 ») pour les tests de "
        "charge : associations, référents, candidatures, lots, vague 1 publiée, bénéficiaires."
    )

    def add_arguments(self, parser):
        parser.add_argument("--associations", type=int, default=3000, help="défaut : 3000")
        parser.add_argument("--packs", type=int, default=21000, help="défaut : 21000")
        parser.add_argument(
            "--operators",
            type=int,
            default=1,
            help="comptes de l'opérateur (operateur@, operateur2@…), défaut : 1",
        )
        parser.add_argument(
            "--password",
            default=PASSWORD,
            help=f"mot de passe de tous les comptes (défaut : {PASSWORD})",
        )
        parser.add_argument("--seed", type=int, default=SEED, help=f"graine (défaut : {SEED})")
        parser.add_argument(
            "--reset", action="store_true", help="remplace la campagne d'échelle si elle existe"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="charge même sans DEBUG=1 (base de test, jamais en production)",
        )

    def handle(
        self, *args, associations, packs, operators, password, seed, reset, force, **options
    ):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG n'est pas activé : cette plateforme est peut-être en production. Les données "
                "d'échelle créent des milliers de comptes avec un mot de passe connu : elles ne sont "
                "chargées qu'avec DEBUG=1. Sur une base de test que personne d'autre n'atteint, "
                "relancez avec --force."
            )
        if associations < 1 or packs < 1 or operators < 1:
            raise CommandError("--associations, --packs et --operators doivent valoir au moins 1.")
        if len(password) < 8:
            raise CommandError("--password : 8 caractères au moins.")
        if scale_exists() and not reset:
            raise CommandError(
                f"La campagne d'échelle « {SLUG} » existe déjà : rien n'a été modifié. "
                "Relancez avec --reset pour la remplacer."
            )
        shape = Shape(
            associations=associations,
            packs=packs,
            seed=seed,
            password=password,
            operators=operators,
        )
        # The stream under Django's wrapper (which would add a newline to each write).
        progress = Progress(getattr(self.stderr, "_out", sys.stderr))
        campaign = scale_seed(shape=shape, progress=progress)
        counts = scale_counts(campaign=campaign)
        out = self.stdout.write
        out(self.style.SUCCESS(f"Campagne d'échelle « {campaign.name} » ({SLUG}) chargée."))
        out("Durées par étape :")
        for phase, seconds in progress.timings.items():
            out(f"  {phase} : {seconds:.1f} s".replace(".", ","))
        out(f"  Total : {sum(progress.timings.values()):.1f} s".replace(".", ","))
        out(
            f"  Associations : {_n(counts['associations'])} ({_n(shape.counts['overseas'])} en "
            f"outre-mer) ; candidatures : {_n(counts['applications'])}"
        )
        out(f"  Lots : {_n(counts['packs'])} — billets : {_n(counts['tickets'])}")
        out(
            f"  Propositions : {_n(counts['offers_pending'])} en attente, "
            f"{_n(counts['offers_accepted'])} acceptées, {_n(counts['offers_declined'])} déclinées"
        )
        out(
            f"  Personnes : {_n(counts['people'])} — billets nommés : {_n(counts['holders'])} ; "
            f"groupes : {_n(counts['groups'])}"
        )
        site = settings.SITE_URL.rstrip("/")
        out("")
        out(f"Se connecter : {site}{reverse('accounts:login')}")
        out(
            f"  Référents : {referent_email(1)} … {referent_email(associations)} "
            "(double authentification non exigée)"
        )
        last = f" … {operator_email(operators)}" if operators > 1 else ""
        out(f"  Opérateur : {OPERATOR_EMAIL}{last}")
        out(f"  Mot de passe (tous les comptes) : {password}")
        out(
            "  Double authentification de l'opérateur (obligatoire) : application "
            f"d'authentification, clé {TOTP_KEY_BASE32} (hexadécimal {TOTP_KEY_HEX}), "
            "code à 6 chiffres toutes les 30 s ; un même code ne sert qu'une fois par compte."
        )
        out(f"  Horloge de la plateforme : {CLOCK_AT:%d/%m/%Y %H:%M} (heure de Paris)")

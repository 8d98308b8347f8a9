"""`billetterie load_demo [--reset]`: the CNAPE 2024 demo campaign, with its accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from billetterie.demo.builder import CLOCK_AT, PASSWORD, SLUG, demo_accounts, demo_exists, demo_load


def _n(value: int) -> str:
    """French thousands separator: 7 150."""
    return f"{value:,}".replace(",", "\u202f")


class Command(BaseCommand):
    help = "Charge la campagne de démonstration « cnape-2024 » (Paris 2024, CNAPE) et ses comptes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="supprime la campagne de démonstration, ses associations et ses comptes, puis la recharge",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="charge la démonstration même sans DEBUG=1 (base de recette, jamais en production)",
        )

    def handle(self, *args, reset: bool, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG n'est pas activé : cette plateforme est peut-être en production. La "
                "démonstration crée des comptes, dont un administrateur, avec le mot de passe "
                "publié dans le README : elle n'est chargée qu'avec DEBUG=1. "
                "Sur une base de recette que personne d'autre n'atteint, relancez avec --force."
            )
        if demo_exists() and not reset:
            self.stdout.write(
                f"La campagne de démonstration « {SLUG} » existe déjà : rien n'a été modifié "
                "(--reset pour la recharger)."
            )
            self._accounts()
            return
        # Loading first removes any previous demo, in the same transaction as the new one.
        campaign, counts = demo_load()
        out = self.stdout.write
        out(
            self.style.SUCCESS(
                f"Campagne de démonstration « {campaign.name} » ({campaign.slug}) chargée."
            )
        )
        out(
            f"  Épreuves : {_n(counts['sessions_og'])} JO (programme officiel), "
            f"{_n(counts['sessions_pg'])} JP (illustratives) ; {counts['venues']} sites, {counts['host_cities']} villes hôtes"
        )
        out(
            f"  Associations : {counts['associations']} ({counts['members']} adhérentes, "
            f"{counts['non_members']} non adhérentes, {counts['overseas']} en outre-mer)"
        )
        out(
            f"  Lots : {_n(counts['packs'])} — billets : {_n(counts['tickets_total'])} "
            f"({_n(counts['tickets_og'])} JO, {_n(counts['tickets_pg'])} JP, {_n(counts['tickets_prestige'])} prestige)"
        )
        out(
            f"  Candidatures : {counts['applications']} — billets demandés : {_n(counts['tickets_requested'])} ; "
            f"demandes en liste d'attente : {counts['waiting_list']}"
        )
        out(
            f"  Remise des billets : {counts['stage_packs']} lots déjà acceptés et nommés "
            f"({counts['stage_named']} billets) par le référent de l'outre-mer (referent2), "
            "prêts pour l'export vers la billetterie"
        )
        out(
            f"  Hébergement : {counts['lodging_hosts']} hébergeurs d'Île-de-France (hote1 à hote3) "
            f"avec leur offre, {counts['lodging_needs']} associations éloignées avec leur séjour "
            "déclaré ; referent2 (La Réunion) déclare le sien dans le parcours"
        )
        out(f"  Aide du portail : {counts['help_questions']} questions et réponses")
        out(
            f"  Jeu-concours : {counts['contest_participations']} associations inscrites, "
            f"{counts['contest_criteria']} critères de notation ; enregistrements du "
            f"{campaign.contest_opens_on:%d/%m/%Y} au {campaign.contest_closes_on:%d/%m/%Y}, "
            f"délibération du jury le {campaign.jury_deliberation_on:%d/%m/%Y}"
        )
        out(f"  Horloge de la plateforme : {CLOCK_AT:%d/%m/%Y %H:%M} (heure de Paris)")
        self._accounts()

    def _accounts(self) -> None:
        out = self.stdout.write
        # SITE_URL: the address the e-mails link to, which `make demo` derives from HOST and PORT.
        site = settings.SITE_URL.rstrip("/")
        out("")
        out(f"Adresse : {site}/")
        out(f"Se connecter : {site}{reverse('accounts:login')}")
        out("Comptes de démonstration :")
        for account in demo_accounts():
            suffix = f" — {account['association']}" if account["association"] else ""
            out(f"  {account['role']} : {account['email']}{suffix}")
        out(f"Mot de passe (tous les comptes) : {PASSWORD}")
        out(
            "Double authentification : les comptes de l'opérateur et l'administrateur l'activent à "
            "leur première connexion. Choisissez « un code envoyé à mon adresse e-mail » : en "
            "démonstration, l'e-mail s'affiche dans ce terminal."
        )

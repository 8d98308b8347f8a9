"""`billetterie create_campaign SLUG --name NAME --operator NAME`: a campaign with the default rules."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from billetterie.campaigns.models import Campaign
from billetterie.campaigns.services import campaign_create


class Command(BaseCommand):
    help = "Crée une campagne avec les règles par défaut."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="identifiant court, par exemple cnape-2024")
        parser.add_argument("--name", required=True, help="nom de la campagne")
        parser.add_argument(
            "--operator", required=True, help="nom de l'opérateur (créé s'il est nouveau)"
        )

    def handle(self, *args, slug, name, operator, **options):
        if Campaign.objects.filter(slug=slug).exists():
            raise CommandError(f"Une campagne « {slug} » existe déjà.")
        try:
            campaign = campaign_create(slug=slug, name=name, operator_name=operator)
        except ValidationError as exc:
            messages = "; ".join(
                f"{field} : {' '.join(errs)}" for field, errs in exc.message_dict.items()
            )
            raise CommandError(f"Campagne refusée — {messages}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Campagne « {campaign.name} » ({campaign.slug}) créée pour {campaign.operator}."
            )
        )

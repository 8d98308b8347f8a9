"""`billetterie allocate --campaign SLUG [--games JO] [--publish]`: the back-office button, from a terminal."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from billetterie.allocation.compute import run_execute
from billetterie.allocation.methods import METHOD_LABELS
from billetterie.campaigns.models import Campaign
from billetterie.catalogue.models import Games
from billetterie.offers.waves import wave_publish, wave_run_start

COLUMNS = [
    ("organisations_served", "servies", "{}"),
    ("tickets_allocated", "billets", "{}"),
    ("min_satisfaction", "satisf. min", "{:.1%}"),
    ("p10_satisfaction", "satisf. 10 %", "{:.1%}"),
    ("gini_satisfaction", "Gini", "{:.3f}"),
    ("small_share", "petites dem.", "{:.1%}"),
    ("weighted_nash_welfare", "Nash pondéré", "{:.2f}"),
]


def metrics_table(comparison: dict) -> str:
    head = f"{'méthode':<38}" + "".join(f"{label:>14}" for _, label, _ in COLUMNS)
    lines = [head, "-" * len(head)]
    for method, summary in comparison.items():
        cells = "".join(f"{fmt.format(summary.get(key, 0)):>14}" for key, _, fmt in COLUMNS)
        lines.append(f"{METHOD_LABELS.get(method, method):<38}{cells}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Calcule une vague d'attribution sur les lots disponibles et affiche ses indicateurs."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="identifiant de la campagne")
        parser.add_argument("--games", choices=["JO", "JP"], help="limiter aux JO ou aux JP")
        parser.add_argument(
            "--scope",
            choices=["all", "call", "waiting_list"],
            default="all",
            help="demandes servies : toutes (par priorité), l'appel seulement, la liste d'attente seulement",
        )
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--time-limit",
            type=float,
            default=None,
            help="secondes par méthode (par défaut : automatique, selon la taille de la vague)",
        )
        parser.add_argument(
            "--publish", action="store_true", help="publier la vague : propositions et e-mails"
        )

    def handle(
        self,
        *args,
        campaign,
        games=None,
        scope="all",
        seed=0,
        time_limit=None,
        publish=False,
        **options,
    ):
        camp = Campaign.objects.filter(slug=campaign).first()
        if camp is None:
            raise CommandError(f"Campagne inconnue : « {campaign} ».")
        games_obj = Games.objects.filter(short_name=games).first() if games else None
        run = wave_run_start(
            campaign=camp,
            actor="ligne de commande",
            games=games_obj,
            scope=scope,
            seed=seed,
            time_limit=time_limit,
        )
        # The worker may already have run it (immediate backend); otherwise compute here.
        run.refresh_from_db()
        if run.status == "queued":
            run = run_execute(run_id=run.pk)
        run.refresh_from_db()
        if run.status != "ready":
            raise CommandError(f"Le calcul n° {run.number} a échoué : {run.error}")
        m = run.metrics
        self.stdout.write(
            f"Calcul n° {run.number} : {m['tickets_allocated']} billets sur {m['tickets_offered']} attribués, "
            f"{m['organisations_served']} associations servies sur {m['organisations']}."
        )
        self.stdout.write(metrics_table(run.comparison))
        if publish:
            try:
                offers = wave_publish(run=run, actor="ligne de commande")
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            self.stdout.write(
                self.style.SUCCESS(f"Vague publiée : {len(offers)} propositions envoyées.")
            )
        else:
            self.stdout.write(
                "Proposition à relire dans le back office, puis à publier (ou relancez avec --publish)."
            )

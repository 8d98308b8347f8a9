"""An allocation run: a frozen instance, the engine's result, the proposal the operator publishes."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class RunStatus(models.TextChoices):
    QUEUED = "queued", "En attente"
    RUNNING = "running", "Calcul en cours"
    READY = "ready", "Prêt à relire"
    PUBLISHED = "published", "Publié"
    FAILED = "failed", "Échec"
    DISCARDED = "discarded", "Abandonné"


class ReplayStatus(models.TextChoices):
    NONE = "", "Pas vérifié"
    QUEUED = "queued", "Vérification en attente d'un travailleur"
    RUNNING = "running", "Vérification en cours"
    IDENTICAL = "identical", "Résultat identique"
    DIFFERENT = "different", "Résultat différent"
    FAILED = "failed", "Vérification en échec"


class RunScope(models.TextChoices):
    ALL = "all", "Toutes les demandes, l'appel avant la liste d'attente"
    CALL = "call", "Les candidatures de l'appel seulement"
    WAITING_LIST = "waiting_list", "La liste d'attente seulement"


class AllocationRun(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne",
        on_delete=models.CASCADE,
        related_name="allocation_runs",
    )
    number = models.PositiveIntegerField("numéro")
    wave = models.ForeignKey(
        "campaigns.Wave",
        verbose_name="vague",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
    )
    games = models.ForeignKey(
        "catalogue.Games",
        verbose_name="jeux",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Vide : tous les Jeux de la campagne.",
    )
    scope = models.CharField(
        "demandes servies", max_length=16, choices=RunScope.choices, default=RunScope.ALL
    )
    method = models.CharField("méthode", max_length=20, default="nash")
    seed = models.PositiveIntegerField("graine", default=0)
    time_limit = models.FloatField("limite de temps (secondes)", default=60.0)
    status = models.CharField(
        "état", max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    progress_label = models.CharField("étape", max_length=120, blank=True)
    error = models.TextField("erreur", blank=True)
    instance = models.JSONField("instance", null=True, blank=True)
    instance_sha256 = models.CharField("empreinte de l'instance", max_length=64, blank=True)
    result = models.JSONField("résultat du moteur", null=True, blank=True)
    comparison = models.JSONField(
        "comparaison avec les méthodes de référence", null=True, blank=True
    )
    metrics = models.JSONField("indicateurs de la proposition", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lancé par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("lancé le")
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="publié par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    # "Relancer pour vérifier": the frozen instance solved again in the worker, compared byte for byte.
    replay_status = models.CharField(
        "vérification", max_length=10, choices=ReplayStatus.choices, default="", blank=True
    )
    replay_checked_at = models.DateTimeField("vérifié le", null=True, blank=True)

    class Meta:
        verbose_name = "calcul d'attribution"
        verbose_name_plural = "calculs d'attribution"
        ordering = ["campaign", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"], name="allocation_run_number_unique"
            ),
            models.CheckConstraint(
                name="allocation_run_progress_range", condition=Q(progress__lte=100)
            ),
            models.CheckConstraint(
                name="allocation_run_published_has_date",
                condition=~Q(status="published") | Q(published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Calcul n° {self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == RunStatus.READY

    @property
    def is_final(self) -> bool:
        """Published or discarded: its proposal can no longer change (nor be discarded)."""
        return self.status in (RunStatus.PUBLISHED, RunStatus.DISCARDED)


class RunAssignment(models.Model):
    """The current proposal of a run: the engine's choice, or the operator's move (with its reason)."""

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="assignments")
    pack = models.ForeignKey(
        "inventory.Pack", verbose_name="lot", on_delete=models.CASCADE, related_name="+"
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        on_delete=models.CASCADE,
        related_name="+",
    )
    moved_by_hand = models.BooleanField("déplacé à la main", default=False)
    reason = models.CharField("motif du déplacement", max_length=255, blank=True)

    class Meta:
        verbose_name = "lot proposé"
        verbose_name_plural = "lots proposés"
        ordering = ["run", "association_id", "pack_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "pack"], name="run_assignment_pack_unique"),
            models.CheckConstraint(
                name="run_assignment_move_has_reason",
                condition=Q(moved_by_hand=False) | ~Q(reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pack} → {self.association}"

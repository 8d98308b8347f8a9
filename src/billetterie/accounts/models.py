"""Users sign in with their e-mail; each has exactly one role and the object it is tied to."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    PLATFORM_ADMIN = "admin", "Administrateur de la plateforme"
    OPERATOR_STAFF = "operator", "Équipe de l'opérateur"
    REFERENT = "referent", "Référent JOP"
    JURY = "jury", "Membre du jury"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("role", Role.REFERENT)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(role=Role.PLATFORM_ADMIN, is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    phone = models.CharField("téléphone", max_length=32, blank=True)
    role = models.CharField("rôle", max_length=16, choices=Role.choices)
    operator = models.ForeignKey(
        "campaigns.Operator",
        verbose_name="opérateur",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    association = models.ForeignKey(
        "members.Association",
        verbose_name="association",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="referents",
    )
    jury_campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name="campagne (jury)",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jury_members",
    )
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration Django", default=False)
    date_joined = models.DateTimeField("créé le", auto_now_add=True)
    # The last invitation to choose a password (real time, like the link's validity and
    # last_login), and how many were sent: each renewal is a new message.
    invited_at = models.DateTimeField("invité le", null=True, blank=True)
    invitations_sent = models.PositiveSmallIntegerField("invitations envoyées", default=0)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                name="user_role_target",
                condition=(
                    Q(
                        role="admin",
                        operator__isnull=True,
                        association__isnull=True,
                        jury_campaign__isnull=True,
                    )
                    | Q(
                        role="operator",
                        operator__isnull=False,
                        association__isnull=True,
                        jury_campaign__isnull=True,
                    )
                    | Q(
                        role="referent",
                        operator__isnull=True,
                        association__isnull=False,
                        jury_campaign__isnull=True,
                    )
                    | Q(
                        role="jury",
                        operator__isnull=True,
                        association__isnull=True,
                        jury_campaign__isnull=False,
                    )
                ),
                violation_error_message="Le rôle et l'objet rattaché ne correspondent pas.",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def is_operator_staff(self) -> bool:
        return self.is_active and self.role == Role.OPERATOR_STAFF

    @property
    def is_referent(self) -> bool:
        return self.is_active and self.role == Role.REFERENT

    @property
    def is_jury(self) -> bool:
        return self.is_active and self.role == Role.JURY

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.role == Role.PLATFORM_ADMIN

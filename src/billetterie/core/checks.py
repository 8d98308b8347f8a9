"""System checks of the production configuration (`billetterie check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends with which no e-mail ever reaches anybody: fine while developing, never in production.
NON_SENDING_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register(Tags.security, deploy=True)
def email_backend_sends(app_configs, **kwargs):
    if settings.DEBUG or settings.EMAIL_BACKEND not in NON_SENDING_EMAIL_BACKENDS:
        return []
    return [
        Error(
            f"Les e-mails ne partent pas : EMAIL_BACKEND vaut « {settings.EMAIL_BACKEND} » alors "
            "que DEBUG est désactivé. Les propositions de lots, les relances et les liens de mot "
            "de passe n'arriveraient jamais.",
            hint="Définissez EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend et le "
            "serveur SMTP (EMAIL_HOST, EMAIL_PORT…), voir docs/deployment.md.",
            id="billetterie.E001",
        )
    ]

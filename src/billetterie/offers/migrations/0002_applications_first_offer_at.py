"""Applications answered by an offer before `first_offer_at` existed get the date of that offer."""

from django.db import migrations
from django.db.models import Min


def backfill(apps, schema_editor):
    Offer = apps.get_model("offers", "Offer")
    Application = apps.get_model("applications", "Application")
    firsts = (
        Offer.objects.values("campaign_id", "association_id", "pack__session__games_id")
        .annotate(first=Min("sent_at"))
        .order_by()
    )
    for row in firsts:
        Application.objects.filter(
            campaign_id=row["campaign_id"],
            association_id=row["association_id"],
            games_id=row["pack__session__games_id"],
            first_offer_at__isnull=True,
        ).update(first_offer_at=row["first"])


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0001_initial"),
        ("applications", "0002_first_offer_at"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

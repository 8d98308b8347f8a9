"""Every campaign has a retention date: the ones without get the default (183 days after the last
session of their Games, or a year and a half after their creation when no session is known)."""

import datetime as dt

from django.db import migrations, models
from django.db.models import Max


def fill(apps, schema_editor):
    Campaign = apps.get_model("campaigns", "Campaign")
    CampaignGames = apps.get_model("campaigns", "CampaignGames")
    Session = apps.get_model("catalogue", "Session")
    for campaign in Campaign.objects.filter(retention_until__isnull=True):
        games = CampaignGames.objects.filter(campaign=campaign).values_list("games_id", flat=True)
        last = Session.objects.filter(games_id__in=list(games)).aggregate(m=Max("date"))["m"]
        end = last or (campaign.created_at.date() + dt.timedelta(days=365))
        campaign.retention_until = end + dt.timedelta(days=183)
        campaign.save(update_fields=["retention_until"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("catalogue", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="campaign",
            name="retention_until",
            field=models.DateField(
                help_text="Après cette date, les données personnelles de la campagne sont effacées.",
                verbose_name="conservation des données personnelles jusqu'au",
            ),
        ),
    ]

"""A contest ready for the jury: dates, criteria, associations with distinctive names, their
entries (real short WAV files), jury members and a president."""

import datetime as dt
import io
import math
import struct
import wave

from django.core.files.base import ContentFile

from billetterie.accounts.models import Role, User
from billetterie.contest.models import ContestSettings, Criterion, Entry, Participation
from billetterie.core import clock
from billetterie.members.models import Association
from tests.conftest import PASSWORD

OPENS, CLOSES, DELIBERATION = dt.date(2024, 3, 19), dt.date(2024, 4, 9), dt.date(2024, 4, 17)
BEFORE = "2024-03-10T10:00:00+01:00"
DURING = "2024-03-25T10:00:00+01:00"
AFTER = "2024-04-12T10:00:00+02:00"
NAMES = [
    "Les Petits Loups de Belleville",
    "Sauvegarde Zéphyrine du Morvan",
    "Foyer Quetzalcoatl",
    "Maison d'enfants Ornicar",
    "Accueil Bérénice et Tintamarre",
    "Relais Xylophone des Vosges",
]


def wav_bytes(seconds: float = 2.0, *, rate: int = 8000, pitch: float = 440.0) -> bytes:
    """A real, playable WAV: a tone of `seconds` seconds, 16-bit mono."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = int(seconds * rate)
        out.writeframes(
            b"".join(
                struct.pack("<h", int(12000 * math.sin(2 * math.pi * pitch * n / rate)))
                for n in range(frames)
            )
        )
    return buffer.getvalue()


def contest_world(
    campaign, *, entries: int = 3, members: int = 2, method: str = "mean", president=None
):
    """Dates on the campaign, two criteria, `entries` associations (a referent each) with an
    entry, `members` jury members, the first one presiding (or `president`, a jury user)."""
    campaign.contest_opens_on, campaign.contest_closes_on = OPENS, CLOSES
    campaign.contest_confirmation_deadline = dt.date(2024, 4, 1)
    campaign.jury_deliberation_on = DELIBERATION
    campaign.save()
    criteria = [
        Criterion.objects.create(
            campaign=campaign,
            name="Émotion",
            description="Ce que l'enregistrement fait ressentir",
            weight=2,
            scale=10,
            position=1,
        ),
        Criterion.objects.create(
            campaign=campaign, name="Clarté", description="", weight=1, scale=5, position=2
        ),
    ]
    jury = [
        User.objects.create_user(
            f"jure{n}@example.org",
            PASSWORD,
            role=Role.JURY,
            jury_campaign=campaign,
            first_name=f"Juré{n}",
            last_name="Membre",
        )
        for n in range(1, members + 1)
    ]
    if president is not None:
        jury = [president, *jury]
    ContestSettings.objects.create(campaign=campaign, president=jury[0], score_method=method)
    made = []
    with clock.frozen_at(DURING):
        now = clock.now()
    for n in range(entries):
        association = Association.objects.create(
            operator=campaign.operator,
            identifier=f"CONC{n:03d}",
            name=NAMES[n % len(NAMES)] + ("" if n < len(NAMES) else f" {n}"),
            postal_code="75020",
            town="Paris",
            departement="75",
        )
        User.objects.create_user(
            f"referent.concours{n}@example.org",
            PASSWORD,
            role=Role.REFERENT,
            association=association,
        )
        participation = Participation.objects.create(
            campaign=campaign, association=association, group_size=8 + n, confirmed_at=now
        )
        entry = Entry(
            campaign=campaign,
            participation=participation,
            label=f"Enregistrement {n + 1}",
            content_type="audio/wav",
            duration_seconds="2.00",
            consent_attested=True,
            uploaded_at=now + dt.timedelta(minutes=n),
        )
        data = wav_bytes(2.0, pitch=330 + 40 * n)
        entry.size = len(data)
        entry.file.save(f"Souvenirs {association.name}.wav", ContentFile(data), save=False)
        entry.save()
        made.append(entry)
    return {"criteria": criteria, "jury": jury, "president": jury[0], "entries": made}

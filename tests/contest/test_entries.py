"""Participation and audio entries, through the portal's pages as a referent uses them, and the
operator's contest settings: real audio files, real storage, real messages in the outbox."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.contest.models import ContestSettings, Criterion, Entry, Participation, Review
from billetterie.contest.services.purge import (
    contest_personal_data_held,
    contest_personal_data_purge,
)
from billetterie.contest.services.reminders import (
    entry_reminders_send,
    participation_reminders_send,
)
from billetterie.core import clock
from billetterie.core.audit import AuditEntry
from billetterie.outbox.models import Message
from tests.contest.audio_samples import recorder_times, sox_encode, wav_bytes, webm_bytes

IN_WINDOW = "2024-03-25T10:00:00+01:00"
BEFORE_DEADLINE = "2024-03-15T10:00:00+01:00"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def contest_campaign(campaign):
    campaign.contest_confirmation_deadline = dt.date(2024, 4, 1)
    campaign.contest_opens_on = dt.date(2024, 3, 19)
    campaign.contest_closes_on = dt.date(2024, 4, 9)
    campaign.save()
    return campaign


@pytest.fixture
def referent(client, contest_campaign, referent_user):
    client.force_login(referent_user)
    return client


def _url(name, campaign, **kwargs):
    return reverse(f"portal:{name}", kwargs={"campaign_slug": campaign.slug, **kwargs})


def _participate(client, campaign, size=12):
    with clock.frozen_at(BEFORE_DEADLINE):
        return client.post(_url("contest", campaign), {"group_size": size})


def _upload(client, campaign, content, name, *, consent=True, replace=None, at=IN_WINDOW):
    data = {"file": SimpleUploadedFile(name, content, content_type="audio/mpeg")}
    if consent:
        data["consent"] = "on"
    if replace is not None:
        data["replace"], data["seen"] = "on", replace
    with clock.frozen_at(at):
        return client.post(_url("contest_entry", campaign), data)


def _errors(response) -> str:
    return " ".join(re.findall(r'class="error"[^>]*>([^<]+)<', response.content.decode()))


def test_participation_then_a_ten_second_wav(referent, contest_campaign, association):
    response = _participate(referent, contest_campaign)
    assert response.status_code == 302
    participation = Participation.objects.get(campaign=contest_campaign, association=association)
    assert participation.group_size == 12
    assert Message.objects.filter(kind="contest.participation_confirmed").count() == 1

    response = _upload(referent, contest_campaign, wav_bytes(10), "Lucas et Inès.wav")
    assert response.status_code == 302, _errors(response)
    entry = Entry.objects.get(participation=participation)
    assert entry.duration_seconds == 10
    assert entry.content_type == "audio/wav"
    assert re.fullmatch(r"Enregistrement \d+", entry.label)
    # Nothing of the name the user gave is kept: not in the stored path, not in the journal.
    assert "Lucas" not in entry.file.name and ".wav" not in entry.file.name
    assert not AuditEntry.objects.filter(details__icontains="Lucas").exists()
    assert Message.objects.filter(kind="contest.entry_received").count() == 1

    with clock.frozen_at(IN_WINDOW):
        page = referent.get(_url("contest", contest_campaign)).content.decode()
    assert "<audio" in page and "Remplacer l'enregistrement déposé" in page


def test_a_seventy_five_second_file_is_refused_in_french(referent, contest_campaign):
    _participate(referent, contest_campaign)
    response = _upload(referent, contest_campaign, wav_bytes(75), "souvenirs.wav")
    assert response.status_code == 200
    assert "L&#x27;enregistrement dure 1 min 15 s ; la durée maximale est de 60 secondes." in (
        response.content.decode()
    )
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            b"Je me souviens de la finale du 100 m.\n" * 30,
            "souvenirs.mp3",
            "Le fichier « souvenirs.mp3 » n&#x27;est pas un enregistrement audio lisible "
            "(formats acceptés : MP3, M4A ou AAC, OGG ou Opus, WAV, WebM).",
        ),
        (b"", "vide.mp3", "Le fichier « vide.mp3 » est vide."),
    ],
)
def test_a_text_file_renamed_mp3_and_an_empty_file(
    referent, contest_campaign, content, name, message
):
    _participate(referent, contest_campaign)
    response = _upload(referent, contest_campaign, content, name)
    assert message in response.content.decode()
    assert not Entry.objects.exists()


def test_a_file_over_the_size_limit(referent, contest_campaign):
    _participate(referent, contest_campaign)
    ContestSettings.objects.update_or_create(
        campaign=contest_campaign, defaults={"max_size_bytes": 1_000_000, "updated_at": clock.now()}
    )
    response = _upload(referent, contest_campaign, wav_bytes(59, rate=16000), "long.wav")
    assert "pèse plus de 1 Mo" in response.content.decode()


@pytest.mark.parametrize(
    ("make", "content_type"),
    [
        (lambda: sox_encode(20, ".mp3"), "audio/mpeg"),
        (lambda: sox_encode(20, ".ogg"), "audio/ogg"),
        (
            lambda: webm_bytes(duration_ms=None, block_times_ms=recorder_times(20), live=True),
            "audio/webm",
        ),
    ],
)
def test_mp3_ogg_and_a_recorded_webm_are_accepted(referent, contest_campaign, make, content_type):
    _participate(referent, contest_campaign)
    response = _upload(referent, contest_campaign, make(), "enregistrement.bin")
    assert response.status_code == 302, _errors(response)
    entry = Entry.objects.get()
    assert entry.content_type == content_type
    assert 19 <= entry.duration_seconds <= 21


def test_replacing_asks_and_keeps_the_label(
    referent, contest_campaign, django_capture_on_commit_callbacks
):
    _participate(referent, contest_campaign)
    _upload(referent, contest_campaign, wav_bytes(10), "a.wav")
    first = Entry.objects.get()
    old_name = first.file.name

    response = _upload(referent, contest_campaign, wav_bytes(20), "b.wav")
    assert "cochez la case pour le remplacer" in response.content.decode()
    assert Entry.objects.get().duration_seconds == 10

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(referent, contest_campaign, wav_bytes(20), "b.wav", replace=0)
    assert response.status_code == 302, _errors(response)
    entry = Entry.objects.get()
    assert (entry.label, entry.duration_seconds, entry.replaced_count) == (first.label, 20, 1)
    assert entry.file.name != old_name
    assert not entry.file.storage.exists(old_name)
    assert AuditEntry.objects.filter(action="contest.entry_replaced").count() == 1
    assert Message.objects.filter(kind="contest.entry_received").count() == 2


def test_outside_the_window_and_without_consent(referent, contest_campaign):
    _participate(referent, contest_campaign)
    after = _upload(
        referent, contest_campaign, wav_bytes(5), "a.wav", at="2024-04-10T09:00:00+02:00"
    )
    assert "Le dépôt des enregistrements est fermé." in after.content.decode()
    before = _upload(
        referent, contest_campaign, wav_bytes(5), "a.wav", at="2024-03-18T09:00:00+01:00"
    )
    assert "Le dépôt des enregistrements ouvre le 19 mars 2024." in before.content.decode()
    no_consent = _upload(referent, contest_campaign, wav_bytes(5), "a.wav", consent=False)
    assert "Cochez l&#x27;attestation" in no_consent.content.decode()
    assert not Entry.objects.exists()


def test_the_last_day_of_the_window_is_open(referent, contest_campaign):
    _participate(referent, contest_campaign)
    response = _upload(
        referent, contest_campaign, wav_bytes(5), "a.wav", at="2024-04-09T23:30:00+02:00"
    )
    assert response.status_code == 302, _errors(response)


def test_participation_after_the_deadline_is_refused(referent, contest_campaign):
    with clock.frozen_at("2024-04-02T09:00:00+02:00"):
        response = referent.post(_url("contest", contest_campaign), {"group_size": 10})
    assert response.status_code == 200
    assert not Participation.objects.exists()


def test_the_audio_plays_with_ranges_and_another_association_gets_404(
    referent, client, contest_campaign, other_referent_user
):
    _participate(referent, contest_campaign)
    content = wav_bytes(3)
    _upload(referent, contest_campaign, content, "a.wav")
    entry = Entry.objects.get()
    url = _url("contest_entry_audio", contest_campaign, entry_id=entry.pk)
    response = referent.get(url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == content[:100]
    assert response["Content-Type"] == "audio/wav"
    assert response["Content-Disposition"] == "inline"
    whole = referent.get(url)
    assert b"".join(whole.streaming_content) == content

    referent.logout()
    referent.force_login(other_referent_user)
    assert referent.get(url).status_code == 404


def test_labels_are_unique_and_not_the_upload_order(
    contest_campaign, make_association, make_referent, client
):
    labels = []
    for n in range(6):
        association = make_association(name=f"Asso {n}")
        client.force_login(make_referent(association, f"r{n}@example.org"))
        _participate(client, contest_campaign, size=5)
        response = _upload(client, contest_campaign, wav_bytes(1), "x.wav")
        assert response.status_code == 302
        labels.append(Entry.objects.get(participation__association=association).label)
    assert len(set(labels)) == 6
    numbers = [int(label.split()[-1]) for label in labels]
    assert numbers != list(range(1, 7))  # drawn among 1…999: (1, 2, …, 6) has odds of 1e-18


def test_reminders_before_the_deadline_and_before_the_close(
    contest_campaign, association, referent_user, other_association, other_referent_user
):
    Participation.objects.create(
        campaign=contest_campaign,
        association=other_association,
        group_size=5,
        confirmed_at=clock.now(),
    )
    seven_days = dt.datetime(2024, 3, 25, 8, tzinfo=dt.UTC)
    assert participation_reminders_send(now=seven_days) == 1
    assert participation_reminders_send(now=seven_days) == 0  # each once
    message = Message.objects.get(kind="contest.participation_reminder")
    assert message.recipient == referent_user.email and "1 avril 2024" in message.body_text
    assert participation_reminders_send(now=dt.datetime(2024, 3, 30, 8, tzinfo=dt.UTC)) == 1

    closing = dt.datetime(2024, 4, 6, 8, tzinfo=dt.UTC)
    assert entry_reminders_send(now=closing) == 1
    assert Message.objects.get(kind="contest.entry_reminder").recipient == other_referent_user.email


def test_the_purge_deletes_the_audio_files(
    referent, contest_campaign, django_capture_on_commit_callbacks
):
    _participate(referent, contest_campaign)
    _upload(referent, contest_campaign, wav_bytes(2), "a.wav")
    entry = Entry.objects.get()
    path = Path(entry.file.path)
    assert path.exists()
    # A jury member's comment may name a child: blanked too, the scores stay.
    member = User.objects.create_user(
        "jure@example.org", "x", role=Role.JURY, jury_campaign=contest_campaign
    )
    Review.objects.create(
        entry=entry, member=member, comment="Léa parle si bien", updated_at=clock.now()
    )
    assert contest_personal_data_held(campaign=contest_campaign)
    with django_capture_on_commit_callbacks(execute=True):
        counts = contest_personal_data_purge(campaign=contest_campaign, now=clock.now())
    assert counts["contest_entries"] == 1 and counts["contest_comments"] == 1
    assert Review.objects.get().comment == ""
    assert not path.exists()
    entry.refresh_from_db()
    assert not entry.file and entry.file_deleted_at is not None
    assert not contest_personal_data_held(campaign=contest_campaign)


# --- the back office ------------------------------------------------------------------------


@pytest.fixture
def operator(client, contest_campaign, operator_user):
    client.force_login(operator_user)
    return client


def _bo(name, campaign):
    return reverse(f"backoffice:{name}", kwargs={"campaign_slug": campaign.slug})


SETTINGS = {
    "max_duration_seconds": "90",
    "max_size_mb": "8",
    "prestige_tickets": "",
    "score_method": "mean",
    "kit_text": "Demandez : « De quoi te souviens-tu ? »",
}


def test_the_settings_page_seeds_criteria_and_previews_before_saving(operator, contest_campaign):
    page = operator.get(_bo("contest", contest_campaign)).content.decode()
    assert list(Criterion.objects.values_list("name", flat=True)) == [
        "Sincérité des souvenirs",
        "Parole des enfants",
        "Qualité d'écoute",
    ]
    assert "réglages de la campagne" in page

    preview = operator.post(_bo("contest", contest_campaign), SETTINGS).content.decode()
    assert "Vérifiez avant d'enregistrer" in preview
    assert ContestSettings.objects.get().max_duration_seconds == 60
    token = re.search(r'name="seen" value="([0-9a-f]+)"', preview).group(1)
    done = operator.post(
        _bo("contest", contest_campaign), {**SETTINGS, "step": "confirm", "seen": token}
    )
    assert done.status_code == 302
    settings = ContestSettings.objects.get()
    assert (settings.max_duration_seconds, settings.max_size_bytes) == (90, 8_000_000)
    assert AuditEntry.objects.filter(action="contest.settings_changed").exists()


def test_trimmed_mean_needs_four_jury_members(operator, contest_campaign):
    operator.get(_bo("contest", contest_campaign))
    response = operator.post(
        _bo("contest", contest_campaign), {**SETTINGS, "score_method": "trimmed"}
    )
    assert "demande au moins 4 membres du jury ; le jury en compte 0." in response.content.decode()


def test_criteria_delete_asks_first_and_jury_member_added(operator, contest_campaign):
    operator.get(_bo("contest", contest_campaign))
    criterion = Criterion.objects.first()
    asked = operator.post(
        _bo("contest_criteria", contest_campaign), {"criterion": criterion.pk, "action": "delete"}
    )
    assert "Confirmez la suppression" in asked.content.decode()
    assert Criterion.objects.count() == 3
    operator.post(
        _bo("contest_criteria", contest_campaign),
        {"criterion": criterion.pk, "action": "delete", "confirmed": "on"},
    )
    assert Criterion.objects.count() == 2

    response = operator.post(
        _bo("contest_jury", contest_campaign),
        {"email": "Juree@Example.org", "first_name": "Camille", "last_name": "Martin"},
    )
    assert response.status_code == 302
    member = User.objects.get(email="juree@example.org")
    assert member.role == Role.JURY and member.jury_campaign == contest_campaign
    operator.post(_bo("contest_jury", contest_campaign), {"president": member.pk})
    assert ContestSettings.objects.get().president == member

"""The help pages: the operator writes its questions and contact in the back office; the referents
of its associations read them on the portal (« Aide », and the contact below every page)."""

import pytest
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.campaigns.help import help_entries_of, help_entry_create
from billetterie.campaigns.models import HelpEntry
from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry
from billetterie.members.models import Association
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _url(name, campaign, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"campaign_slug": campaign.slug, **kwargs})


@pytest.fixture
def entries(campaign):
    return [
        help_entry_create(operator=campaign.operator, question=q, answer=a, actor=None)
        for q, a in (
            ("Peut-on diviser un lot ?", "Non : un lot se prend en entier.\n\nOu pas du tout."),
            ("Le transport est-il payé ?", "Non, seulement les billets."),
        )
    ]


@pytest.fixture
def theirs(db):
    other = campaign_create(slug="autre-2024", name="Autre", operator_name="Autre opérateur")
    return help_entry_create(
        operator=other.operator, question="Question d'ailleurs ?", answer="Ailleurs.", actor=None
    )


def test_the_operator_adds_edits_moves_and_deletes_questions(client, operator_user, campaign):
    client.force_login(operator_user)
    response = client.post(
        _url("help_new", campaign), {"question": "Première ?", "answer": "Oui.\r\n\r\nVraiment."}
    )
    assert response.status_code == 302 and response.url == _url("help", campaign)
    client.post(_url("help_new", campaign), {"question": "Seconde ?", "answer": "Non."})
    first, second = help_entries_of(operator=campaign.operator)

    page = client.get(_url("help", campaign)).content.decode()
    assert page.index("Première ?") < page.index("Seconde ?")
    assert "<p>Oui.</p><p>Vraiment.</p>" in page.replace("\n", "").replace("    ", "")

    refused = client.post(_url("help_edit", campaign, entry_id=first.pk), {"question": " "})
    assert refused.status_code == 200 and "Ce champ est obligatoire." in refused.content.decode()
    client.post(
        _url("help_edit", campaign, entry_id=first.pk),
        {"question": "Première, revue ?", "answer": "Oui."},
    )
    first.refresh_from_db()
    assert first.question == "Première, revue ?"

    moved = client.post(_url("help_move", campaign, entry_id=second.pk), {"direction": "up"})
    assert moved.url.endswith(f"#question-{second.pk}")
    assert [e.pk for e in help_entries_of(operator=campaign.operator)] == [second.pk, first.pk]

    confirm = client.get(_url("help_delete", campaign, entry_id=first.pk)).content.decode()
    assert "Supprimer cette question" in confirm and "Première, revue ?" in confirm
    assert HelpEntry.objects.filter(pk=first.pk).exists()  # asking is not deleting
    client.post(_url("help_delete", campaign, entry_id=first.pk))
    assert not HelpEntry.objects.filter(pk=first.pk).exists()
    actions = set(
        AuditEntry.objects.filter(campaign_id=campaign.pk).values_list("action", flat=True)
    )
    assert {
        "help.entry_created",
        "help.entry_updated",
        "help.entry_moved",
        "help.entry_deleted",
    } <= actions


def test_another_operators_question_answers_404(client, operator_user, campaign, theirs):
    client.force_login(operator_user)
    for name in ("help_edit", "help_delete", "help_move"):
        url = _url(name, campaign, entry_id=theirs.pk)
        assert client.get(url).status_code in (404, 405)
        assert (
            client.post(
                url, {"question": "Prise ?", "answer": "Non.", "direction": "up"}
            ).status_code
            == 404
        )
    theirs.refresh_from_db()
    assert theirs.question == "Question d'ailleurs ?"


def test_the_contact_is_previewed_then_confirmed(client, operator_user, campaign):
    client.force_login(operator_user)
    url = _url("operator_contact", campaign)
    data = {
        "contact_name": "Fanny Martin",
        "contact_email": "f@example.org",
        "contact_phone": "0611223344",
    }
    preview = client.post(url, data).content.decode()
    assert "Vérifiez avant d'enregistrer" in preview and "06 11 22 33 44" in preview
    campaign.operator.refresh_from_db()
    assert campaign.operator.contact_name == ""
    token = preview.split('name="seen" value="')[1].split('"')[0]
    done = client.post(url, {**data, "step": "confirm", "seen": token})
    assert done.status_code == 302
    campaign.operator.refresh_from_db()
    assert campaign.operator.contact_phone == "06 11 22 33 44"
    bad = client.post(url, {**data, "contact_phone": "123"}).content.decode()
    assert "Ce numéro de téléphone est illisible" in bad


def test_the_referent_reads_their_operators_help_and_contact(
    client, referent_user, campaign, entries, theirs
):
    operator = campaign.operator
    operator.contact_name, operator.contact_email = "Fanny Martin", "fanny@example.org"
    operator.contact_phone = "01 99 00 24 24"
    operator.save()
    client.force_login(referent_user)
    page = client.get(reverse("portal:help")).content.decode()
    assert '<h2 id="question-' in page and "Peut-on diviser un lot ?" in page
    assert "<p>Non : un lot se prend en entier.</p>" in page and "<p>Ou pas du tout.</p>" in page
    assert "Question d&#x27;ailleurs ?" not in page  # another operator's help
    assert 'aria-current="page">Aide</a>' in page

    # The contact is below every page of the portal.
    home = client.get(reverse("portal:home")).content.decode()
    assert '<aside class="wrap portal-contact" aria-labelledby="contact-titre">' in home
    assert "Fanny Martin" in home
    assert '<a href="mailto:fanny@example.org">fanny@example.org</a>' in home
    assert '<a href="tel:+33199002424">01 99 00 24 24</a>' in home
    assert f'href="{reverse("portal:help")}"' in home


def test_a_referent_of_another_operator_sees_its_own_help(client, campaign, entries, theirs):
    association = Association.objects.create(
        operator=theirs.operator,
        identifier="AILLEURS",
        name="Association d'ailleurs",
        postal_code="69001",
        town="Lyon",
        departement="69",
    )
    user = User.objects.create_user(
        "ailleurs@example.org", PASSWORD, role=Role.REFERENT, association=association
    )
    client.force_login(user)
    page = client.get(reverse("portal:help")).content.decode()
    assert "Question d&#x27;ailleurs ?" in page and "Peut-on diviser un lot ?" not in page
    assert "Autre opérateur vous répond." in page


def test_no_question_yet_says_so(client, referent_user, campaign):
    client.force_login(referent_user)
    page = client.get(reverse("portal:help")).content.decode()
    assert "n'a pas encore publié de questions et réponses" in page


def test_the_help_page_and_the_contact_in_english(client, referent_user, campaign, entries):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(referent_user)
    page = client.get(reverse("portal:help")).content.decode()
    assert '<html lang="en">' in page
    assert 'aria-current="page">Help</a>' in page and "Frequently asked questions" in page
    assert f"A question? {campaign.operator.name.replace(chr(39), '&#x27;')} will answer." in page
    assert "The most frequent questions" in page
    assert "Peut-on diviser un lot ?" in page  # the operator's own words stay as written

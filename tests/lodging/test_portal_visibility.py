"""Privacy of both sides: before both accept, no lodging page of the guest shows the host's
address or contact, and no page of the host shows the guest's contact; once both accept, each
sees (and is sent) the other's."""

import html

import pytest
from django.urls import reverse

from billetterie.core.phones import phone_e164, phone_parse
from billetterie.lodging.models import PlacementStatus
from billetterie.lodging.selectors.portal import GUEST, HOST
from billetterie.lodging.services.agreement import placement_answer
from billetterie.outbox.models import Message
from tests.lodging import portal_world as w

pytestmark = pytest.mark.django_db


def _pages(campaign, *, need, offer, placement, side):
    slug = {"campaign_slug": campaign.slug}
    names = [
        ("portal:lodging_campaign", {}),
        ("portal:lodging_practical", {}),
        ("portal:lodging_placement", {"placement_id": placement.pk}),
        ("portal:lodging_need_new", {}),
        ("portal:lodging_offer_new", {}),
    ]
    if side == GUEST:
        names += [
            ("portal:lodging_need", {"need_id": need.pk}),
            ("portal:lodging_need_withdraw", {"need_id": need.pk}),
        ]
    else:
        names += [
            ("portal:lodging_offer", {"offer_id": offer.pk}),
            ("portal:lodging_offer_withdraw", {"offer_id": offer.pk}),
        ]
    return [reverse(name, kwargs={**slug, **kwargs}) for name, kwargs in names]


def _seen(client, user, urls) -> str:
    client.force_login(user)
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(html.unescape(response.content.decode()))
    return "\n".join(texts)


def test_contacts_stay_hidden_until_both_accept(
    client, campaign, guest, guest_user, host, host_user, paris_pack
):
    need = w.need(campaign, guest, comment="Joindre Noémie le soir")
    offer = w.host_offer(campaign, host)
    placement = w.published(need, offer)
    host_secrets = [offer.contact_name, offer.contact_phone, offer.contact_email, offer.address]
    guest_secrets = [need.contact_name, need.contact_phone, need.contact_email, need.comment]
    # The phones as the pages link them (« tel: » numbers), searched too.
    host_tel = phone_e164(phone_parse(offer.contact_phone))
    guest_tel = phone_e164(phone_parse(need.contact_phone))
    host_secrets.append(host_tel)
    guest_secrets.append(guest_tel)
    guest_urls = _pages(campaign, need=need, offer=offer, placement=placement, side=GUEST)
    host_urls = _pages(campaign, need=need, offer=offer, placement=placement, side=HOST)

    def check_hidden():
        guest_view = _seen(client, guest_user, guest_urls)
        host_view = _seen(client, host_user, host_urls)
        assert offer.place_name in guest_view and offer.town in guest_view
        assert offer.insurance_notes in guest_view
        assert guest.name in host_view and "10 jeunes, de 10 à 14 ans" in host_view
        assert [s for s in host_secrets if s in guest_view] == []
        assert [s for s in guest_secrets if s in host_view] == []
        assert [m.body_text for m in Message.objects.all()] == []

    check_hidden()
    placement_answer(
        placement_id=placement.pk, association=guest, side=GUEST, accept=True, actor=guest_user
    )
    check_hidden()  # one side's accept reveals nothing

    placement_answer(
        placement_id=placement.pk, association=host, side=HOST, accept=True, actor=host_user
    )
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONFIRMED
    placement_url = reverse(
        "portal:lodging_placement",
        kwargs={"campaign_slug": campaign.slug, "placement_id": placement.pk},
    )
    guest_view = _seen(client, guest_user, [placement_url])
    host_view = _seen(client, host_user, [placement_url])
    assert [s for s in host_secrets if s not in guest_view] == []
    assert [s for s in guest_secrets if s not in host_view] == []
    # On a phone, one tap calls or writes to the other side.
    assert f'href="tel:{host_tel}"' in guest_view and f'href="tel:{guest_tel}"' in host_view
    assert f'href="mailto:{offer.contact_email}"' in guest_view
    assert f'href="mailto:{need.contact_email}"' in host_view
    to_guest = Message.objects.get(kind="lodging.placement_confirmed_guest")
    to_host = Message.objects.get(kind="lodging.placement_confirmed_host")
    assert [s for s in host_secrets[:4] if s not in to_guest.body_text] == []
    assert [s for s in guest_secrets[:3] if s not in to_host.body_text] == []
    # Each message carries only the other side's contact, never its own reader's.
    assert need.contact_email not in to_guest.body_text
    assert offer.contact_email not in to_host.body_text

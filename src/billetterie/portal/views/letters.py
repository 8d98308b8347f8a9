"""Portal pages for the commitment letter: the PDF to sign, the signed scan, its validation."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render

from billetterie.attendees.letter_pdf import letter_pdf
from billetterie.attendees.selectors.association import letter_of, letters_of
from billetterie.attendees.services.letters import (
    letter_file,
    letter_upload,
)
from billetterie.core.web import form_service_call, private_file_response
from billetterie.portal.forms.letters import LetterUploadForm
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendees_letter(request, campaign_slug):
    campaign = request.campaign
    form = LetterUploadForm(request.POST or None, request.FILES or None)
    upload = partial(
        letter_upload, campaign=campaign, association=request.association, actor=request.user
    )
    if form_service_call(request, form, lambda: upload(content=form.cleaned_data["file"])):
        messages.success(request, "Le courrier signé est déposé : l'opérateur va le vérifier.")
        return redirect("portal:attendees_letter", campaign_slug=campaign.slug)
    letters = list(letters_of(campaign=campaign, association=request.association))
    return render(
        request,
        "portal/attendees/letter.html",
        {"campaign": campaign, "form": form, "letters": letters},
    )


@attendees_referent_required
def attendees_letter_pdf(request, campaign_slug):
    campaign = request.campaign
    content = letter_pdf(campaign=campaign, association=request.association)
    return private_file_response(
        content, content_type="application/pdf", filename=f"courrier-engagement-{campaign.slug}.pdf"
    )


@attendees_referent_required
def attendees_letter_file(request, campaign_slug, letter_id: int):
    campaign = request.campaign
    letter = letter_of(campaign=campaign, association=request.association, letter_id=letter_id)
    file = letter_file(letter)
    return private_file_response(file.content, content_type=file.content_type, filename=file.name)

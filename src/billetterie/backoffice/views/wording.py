"""Back-office pages « Textes des messages »: every kind of message the platform sends, and the page
of one kind — its subject and body, the placeholders it may use, a preview on the campaign's data,
save, and back to the default text. The wording belongs to the operator: it holds for all its
campaigns; the campaign of the address gives the preview its examples."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.wording import WordingForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core.web import form_add_errors
from billetterie.outbox.wording import (
    template_check,
    template_preview,
    template_reset,
    template_save,
    wording_of,
    wordings_of,
)


@operator_required
def message_texts(request, campaign_slug):
    campaign = request.campaign
    context = {"campaign": campaign, "wordings": wordings_of(operator=campaign.operator)}
    return render(request, "backoffice/message_texts.html", context)


def _to_text(campaign, code):
    return redirect("backoffice:message_text", campaign_slug=campaign.slug, code=code)


@operator_required
def message_text(request, campaign_slug, code):
    campaign = request.campaign
    operator = campaign.operator
    wording = wording_of(operator=operator, code=code)
    form = WordingForm(
        request.POST if request.method == "POST" else None,
        initial={"subject": wording.subject, "body": wording.body},
        is_sms=wording.is_sms,
    )
    subject, body = form.typed() if form.is_bound else (wording.subject, wording.body)
    if form.is_valid():
        try:
            if form.saving():
                saved = template_save(
                    operator=operator,
                    code=code,
                    subject=subject,
                    body=body,
                    actor=request.user,
                    campaign=campaign,
                )
                if saved:
                    messages.success(
                        request, f"Texte du message « {wording.kind.label} » enregistré."
                    )
                else:
                    messages.info(request, "Le texte n'a pas changé : rien n'a été enregistré.")
                return _to_text(campaign, code)
            template_check(code=code, subject=subject, body=body)
        except ValidationError as exc:
            form_add_errors(form, exc)
    context = {
        "campaign": campaign,
        "wording": wording,
        "form": form,
        "preview": template_preview(
            operator=operator, code=code, subject=subject, body=body, campaign=campaign
        ),
        "typed": form.is_bound,
    }
    return render(request, "backoffice/message_text.html", context)


@operator_required
def message_text_reset(request, campaign_slug, code):
    campaign = request.campaign
    wording = wording_of(operator=campaign.operator, code=code)
    if request.method == "POST":
        if template_reset(
            operator=campaign.operator, code=code, actor=request.user, campaign=campaign
        ):
            messages.success(
                request, f"Le message « {wording.kind.label} » reprend son texte par défaut."
            )
        else:
            messages.info(request, "Ce message avait déjà son texte par défaut.")
        return _to_text(campaign, code)
    context = {"campaign": campaign, "wording": wording}
    return render(request, "backoffice/message_text_reset.html", context)

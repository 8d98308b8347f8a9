"""The providers' receipts (`/prestataires/accuses/…`): see views.py."""

from django.urls import path

from billetterie.callbacks import views

app_name = "callbacks"

urlpatterns = [
    path("accuses/sms/", views.sms_receipt, name="sms_receipt"),
    path("accuses/email/", views.email_receipt, name="email_receipt"),
]

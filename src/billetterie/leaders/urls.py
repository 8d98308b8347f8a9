"""The group leader's page, its calendar file and its one button. The token is the only key."""

from django.urls import path

from billetterie.leaders import views

app_name = "leaders"

urlpatterns = [
    path("<str:token>/", views.leader_page_view, name="page"),
    path("<str:token>/agenda.ics", views.leader_calendar_view, name="calendar"),
    path("<str:token>/recupere/", views.leader_confirm_view, name="confirm"),
]

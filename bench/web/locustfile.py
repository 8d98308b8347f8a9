"""The load of a busy morning, played by locust against the platform (`make bench-web`).

Referents sign in, open their home and their offers, answer a few offers (the selection, the
confirmation page, one commitment), open their people's page and name people on a group's tickets,
then sign out; the next visit is another referent's. Operator staff sign in once (password and a
recovery code) and keep opening the dashboard and the campaign's allocation run.

Every request carries a `name`: the page it measures, whatever the ids in its address. The accounts
come from the file `BENCH_WEB_ACCOUNTS` (JSON written by bench/web/prepare.py).

This file runs in the benchmark's own virtualenv (.venv-bench: locust), never in the project's.
The users are locust's FastHttpUser (geventhttpclient): the load generator shares the machine's
cores with the server and the database, and costs several times less per request than requests.
Forms are posted without following the redirect (a sign-in is the POST that answers 302), and the
page a person lands on is then asked for on its own, as measured page.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import GROUP_LINK, OFFER_BOX, OPTION, TICKET_SELECT, csrf  # noqa: E402

with open(os.environ["BENCH_WEB_ACCOUNTS"], encoding="utf-8") as accounts_file:
    ACCOUNTS = json.load(accounts_file)
CAMPAIGN = ACCOUNTS["campaign"]
_referents = itertools.cycle(ACCOUNTS["referents"])
_operators = itertools.cycle(ACCOUNTS["operators"])


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Visitor(FastHttpUser):
    abstract = True

    def check(self, response, status: int = 200) -> bool:
        """A page counts as an error unless it answers as a person expects."""
        if response.status_code != status:
            response.failure(f"{response.status_code} au lieu de {status}")
            return False
        response.success()
        return True

    def post_form(self, url: str, fields: list[tuple[str, str]], name: str):
        return self.client.post(
            url,
            data=urlencode(fields),
            headers={**FORM, "Referer": self.host + url},
            name=name,
            allow_redirects=False,
            catch_response=True,
        )

    def sign_in(self, email: str, password: str) -> bool:
        """The sign-in page, then the password (Django gives a new form token once signed in)."""
        page = self.client.get("/compte/connexion/", name="connexion (page)")
        fields = [("csrfmiddlewaretoken", csrf(page.text)), ("username", email)]
        fields.append(("password", password))
        with self.post_form("/compte/connexion/", fields, "connexion (mot de passe)") as r:
            return self.check(r, 302)


class Referent(Visitor):
    """Every user but the operator's few: a referent's visit, then another referent's."""

    weight = 1
    # Reading a page, ticking packs, choosing a person: 2 to 8 seconds between two actions.
    wait_time = between(2, 8)

    @task
    def visit(self):
        account = next(_referents)
        if not self.sign_in(account["email"], account["password"]):
            return
        with self.client.get("/association/", name="accueil référent", catch_response=True) as r:
            self.check(r)
            token = csrf(r.text)  # the sign-out form of every page
        self.wait()
        self.answer_offers()
        self.wait()
        self.name_people()
        self.wait()
        with self.post_form(
            "/compte/deconnexion/", [("csrfmiddlewaretoken", token)], "déconnexion"
        ) as r:
            self.check(r, 302)
        self.client.cookiejar.clear()

    def answer_offers(self):
        with self.client.get(
            "/association/propositions/", name="propositions", catch_response=True
        ) as r:
            if not self.check(r):
                return
            boxes = OFFER_BOX.findall(r.text)
        if not boxes:
            return
        random.shuffle(boxes)
        accept, decline = boxes[:2], boxes[2:3] if random.random() < 0.3 else []
        for keys, answer in ((accept, "accepter"), (decline, "desister")):
            if not keys:
                continue
            query = urlencode([("lot", k) for k in keys] + [("reponse", answer)])
            with self.client.get(
                f"/association/propositions/repondre/?{query}",
                name="propositions : confirmation",
                catch_response=True,
            ) as r:
                if not self.check(r):
                    return
                token = csrf(r.text)
            self.wait()
            fields = [("csrfmiddlewaretoken", token), ("engagement", "on")]
            fields += [(answer, k) for k in keys]
            url = "/association/propositions/repondre/"
            with self.post_form(url, fields, f"propositions : {answer}") as r:
                self.check(r, 302)

    def name_people(self):
        url = f"/association/beneficiaires/{CAMPAIGN}/"
        with self.client.get(url, name="bénéficiaires", catch_response=True) as r:
            if not self.check(r):
                return
            groups = GROUP_LINK.findall(r.text)
        if not groups:
            return
        group_url = random.choice(groups)
        with self.client.get(group_url, name="groupe (nommer)", catch_response=True) as r:
            if not self.check(r):
                return
            html = r.text
        selects = TICKET_SELECT.findall(html)
        taken = {v for _, body in selects for v, sel in OPTION.findall(body) if sel}
        fields = [("csrfmiddlewaretoken", csrf(html))]
        for name, body in selects:
            options = OPTION.findall(body)
            chosen = next((v for v, sel in options if sel), None)
            if chosen is None:
                free = [v for v, _ in options if v not in taken]
                chosen = free[0] if free else ""
                if chosen:
                    taken.add(chosen)
            fields.append((name, chosen))
        # The live check attendees.js sends as people are chosen, then « Enregistrer » (saved:
        # 302 back to the group; refused by the rules: the page again, 200, with the reasons).
        with self.post_form(
            group_url, [*fields, ("action", "verifier"), ("fragment", "1")], "groupe : vérification"
        ) as r:
            self.check(r)
        self.wait()
        with self.post_form(
            group_url, [*fields, ("action", "enregistrer")], "groupe : enregistrer"
        ) as r:
            if r.status_code in (200, 302):
                r.success()
            else:
                r.failure(f"{r.status_code}")


class Operator(Visitor):
    """The operator's team on the morning of a wave: five people, whatever the number of users,
    watching the dashboard and the published run."""

    fixed_count = 5
    wait_time = between(5, 15)

    def on_start(self):
        account = next(_operators)
        self.sign_in(account["email"], account["password"])
        url = "/compte/double-authentification/"
        page = self.client.get(url, name="connexion (second facteur, page)")
        fields = [("csrfmiddlewaretoken", csrf(page.text)), ("code", account["codes"].pop())]
        with self.post_form(url, fields, "connexion (second facteur)") as r:
            if r.status_code != 302 or "double-authentification" in r.headers.get("Location", ""):
                r.failure("second factor refused")
            else:
                r.success()
        self.run_url = ACCOUNTS.get("run_url")

    @task(3)
    def dashboard(self):
        with self.client.get(
            ACCOUNTS["dashboard_url"], name="tableau de bord", catch_response=True
        ) as r:
            self.check(r)

    @task(1)
    def allocation_run(self):
        if not self.run_url:
            return
        with self.client.get(self.run_url, name="calcul d'attribution", catch_response=True) as r:
            self.check(r)

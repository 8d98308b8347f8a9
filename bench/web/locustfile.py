"""The load of a busy morning, played by locust against the platform (`make bench-web`).

Referents sign in, open their home and their offers, answer a few offers (the selection, the
confirmation page, one commitment), open their people's page and name people on a group's tickets,
then sign out; the next visit is another referent's. Operator staff sign in once (password and a
recovery code) and keep opening the dashboard and the campaign's allocation run.

Every request carries a `name`: the page it measures, whatever the ids in its address. The accounts
come from the file `BENCH_WEB_ACCOUNTS` (JSON written by bench/web/prepare.py).

This file runs in the benchmark's own virtualenv (.venv-bench: locust), never in the project's.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import GROUP_LINK, OFFER_BOX, OPTION, TICKET_SELECT, csrf  # noqa: E402

with open(os.environ["BENCH_WEB_ACCOUNTS"], encoding="utf-8") as accounts_file:
    ACCOUNTS = json.load(accounts_file)
CAMPAIGN = ACCOUNTS["campaign"]
_referents = itertools.cycle(ACCOUNTS["referents"])
_operators = itertools.cycle(ACCOUNTS["operators"])


class Visitor(HttpUser):
    abstract = True

    def check(self, response, expected: str | None = None) -> bool:
        """A page counts as an error unless it answers 200 (after redirects) with the expected text."""
        if response.status_code != 200 or (expected and expected not in response.text):
            response.failure(f"{response.status_code} {response.url}")
            return False
        response.success()
        return True

    def sign_in(self, email: str, password: str) -> str:
        page = self.client.get("/compte/connexion/", name="connexion (page)")
        with self.client.post(
            "/compte/connexion/",
            data={
                "csrfmiddlewaretoken": csrf(page.text),
                "username": email,
                "password": password,
            },
            headers={"Referer": self.host + "/compte/connexion/"},
            name="connexion (mot de passe)",
            catch_response=True,
        ) as response:
            if "/compte/connexion/" in response.url:
                response.failure("sign-in refused")
                return ""
            response.success()
            return response.text


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
        self.wait()
        with self.client.get("/association/", name="accueil référent", catch_response=True) as r:
            self.check(r)
        self.wait()
        self.answer_offers()
        self.wait()
        self.name_people()
        self.wait()
        page = self.client.get("/association/", name="accueil référent")
        self.client.post(
            "/compte/deconnexion/",
            data={"csrfmiddlewaretoken": csrf(page.text)},
            headers={"Referer": self.host + "/association/"},
            name="déconnexion",
        )
        self.client.cookies.clear()

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
            with self.client.get(
                "/association/propositions/repondre/",
                params=[("lot", k) for k in keys] + [("reponse", answer)],
                name="propositions : confirmation",
                catch_response=True,
            ) as r:
                if not self.check(r):
                    return
                token = csrf(r.text)
            self.wait()
            data = [("csrfmiddlewaretoken", token), ("engagement", "on")]
            data += [(answer, k) for k in keys]
            with self.client.post(
                "/association/propositions/repondre/",
                data=data,
                headers={"Referer": self.host + "/association/propositions/repondre/"},
                name=f"propositions : {answer}",
                catch_response=True,
            ) as r:
                self.check(r)

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
        data = [("csrfmiddlewaretoken", csrf(html))]
        for name, body in selects:
            options = OPTION.findall(body)
            chosen = next((v for v, sel in options if sel), None)
            if chosen is None:
                free = [v for v, _ in options if v not in taken]
                chosen = free[0] if free else ""
                if chosen:
                    taken.add(chosen)
            data.append((name, chosen))
        headers = {"Referer": self.host + group_url}
        # The live check attendees.js sends as people are chosen, then « Enregistrer ».
        self.client.post(
            group_url,
            data=data + [("action", "verifier"), ("fragment", "1")],
            headers=headers,
            name="groupe : vérification",
        )
        self.wait()
        with self.client.post(
            group_url,
            data=data + [("action", "enregistrer")],
            headers=headers,
            name="groupe : enregistrer",
            catch_response=True,
        ) as r:
            self.check(r)


class Operator(Visitor):
    """The operator's team on the morning of a wave: five people, whatever the number of users,
    watching the dashboard and the published run."""

    fixed_count = 5
    wait_time = between(5, 15)

    def on_start(self):
        account = next(_operators)
        html = self.sign_in(account["email"], account["password"])
        with self.client.post(
            "/compte/double-authentification/",
            data={"csrfmiddlewaretoken": csrf(html), "code": account["codes"].pop()},
            headers={"Referer": self.host + "/compte/double-authentification/"},
            name="connexion (second facteur)",
            catch_response=True,
        ) as r:
            if "double-authentification" in r.url:
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

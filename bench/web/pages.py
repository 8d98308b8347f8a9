"""What the benchmark reads in the platform's pages (plain regular expressions, no dependency).

Shared by the locust users and the query counter, and checked against the real pages by
tests/test_bench_web.py: a template change that hides these from the benchmark fails a test instead
of making the benchmark silently do less.
"""

import re

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A pack the referent can tick on the offers page (its offer id).
OFFER_BOX = re.compile(r'name="lot" value="(\d+)"')
# A group of the campaign's people page, where its tickets are named.
GROUP_LINK = re.compile(r'href="(/association/beneficiaires/[^"/]+/groupes/\d+/)"')
# On a group page: each ticket's select of people, and its options.
TICKET_SELECT = re.compile(r'<select[^>]*name="(billet-\d+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="(\d+)"( selected)?')


def csrf(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""

"""The journey's checks can fail: `axe_serious` reports a serious or critical violation, and
`PageChecks` refuses a walk that went through a page it did not check."""

import pytest

from tests.e2e.conftest import PageChecks, artifacts_dir, axe_serious

pytestmark = pytest.mark.django_db(transaction=True)


def test_axe_serious_reports_an_image_without_text_and_a_button_without_name(page):
    page.set_content(
        '<!doctype html><html lang="fr"><head><title>Essai</title></head><body><main>'
        '<h1>Essai</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button>'
        "</main></body></html>"
    )
    found = axe_serious(page)
    assert any("image-alt" in line for line in found), found
    assert any("button-name" in line for line in found), found
    assert all(line.startswith(("serious", "critical")) for line in found)


def test_a_page_passed_through_without_a_check_fails_the_next_check(page, tmp_path):
    checks = PageChecks(tmp_path)
    checks.watch(page)
    page.goto("/compte/connexion/")
    checks.check(page, "personne", "connexion")
    assert (tmp_path / "001-personne-connexion.png").read_bytes().startswith(b"\x89PNG")
    page.goto("/association/")  # answered by the sign-in page, with ?next=
    page.goto("/compte/connexion/")
    with pytest.raises(AssertionError, match="pages visitées sans vérification"):
        checks.check(page, "personne", "connexion-encore")
    page.goto("/association/")
    with pytest.raises(AssertionError, match="à la fin"):
        checks.assert_all_checked()


def test_the_artifacts_folder_follows_e2e_artifacts(monkeypatch, tmp_path):
    monkeypatch.setenv("E2E_ARTIFACTS", str(tmp_path / "captures"))
    assert artifacts_dir() == tmp_path / "captures"
    monkeypatch.delenv("E2E_ARTIFACTS")
    assert artifacts_dir().parts[-3:] == ("var", "artifacts", "journey")

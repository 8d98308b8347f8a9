"""Passwords are hashed with argon2id at OWASP's parameters; older hashes still sign in and are
hashed again with these parameters at that sign-in."""

import argon2
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.urls import reverse

from billetterie import settings as project_settings
from tests.conftest import PASSWORD

# OWASP Password Storage Cheat Sheet, argon2id: (memory in KiB, iterations), one lane each.
OWASP_ARGON2ID = {(47104, 1), (19456, 2), (12288, 3), (9216, 4), (7168, 5)}


def _parameters(encoded: str) -> argon2.Parameters:
    return argon2.extract_parameters(encoded.split("argon2", 1)[1])


def test_new_hashes_use_argon2id_at_owasp_parameters(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    encoded = make_password(PASSWORD)
    params = _parameters(encoded)
    assert params.type is argon2.Type.ID
    assert (params.memory_cost, params.time_cost) in OWASP_ARGON2ID
    assert params.parallelism == 1
    assert check_password(PASSWORD, encoded)
    assert not check_password("autre mot de passe", encoded)


def test_a_hash_with_djangos_old_parameters_signs_in_and_is_upgraded(
    client, settings, referent_user
):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    old = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    assert _parameters(old).memory_cost == 102400
    referent_user.password = old
    referent_user.save(update_fields=["password"])

    response = client.post(
        reverse("accounts:login"), {"username": referent_user.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    referent_user.refresh_from_db()
    params = _parameters(referent_user.password)
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19456, 2, 1)
    assert check_password(PASSWORD, referent_user.password)

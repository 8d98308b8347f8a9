"""How passwords are hashed: argon2id with OWASP's recommended parameters.

Django's own argon2 parameters (100 MiB of memory, 8 lanes) cost about 160 ms of one core per
sign-in on a quiet 2-core machine, and seconds each when thousands of referents sign in on the
morning a wave is published (bench/README.md, « Le web un matin chargé »). OWASP's Password Storage
Cheat Sheet recommends, for argon2id, at least 19 MiB of memory, 2 iterations and 1 lane — one of
its equivalent settings, and the one that costs the least memory per sign-in in flight.

The algorithm keeps Django's name (`argon2`): a password hashed with the old parameters is still
checked, and Django hashes it again with these at the person's next sign-in (`must_update`).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

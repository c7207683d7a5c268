"""A limit on failed certificate checks from one client, so verification codes cannot be guessed.

Counts live in Django's cache, which is the database in production: every web process shares them.
A fixed window starts at a client's first failure. Only failures count: the Tribunal checking
genuine certificates all day is never slowed down.
"""

from django.core.cache import cache

from mediation.core.clientip import client_ip

__all__ = ["client_ip", "record_failure", "too_many_failures"]

FAILED_CHECKS_ALLOWED = 10
WINDOW_SECONDS = 15 * 60


def _key(ip: str) -> str:
    return f"certificate-verify-failures:{ip}"


def too_many_failures(ip: str) -> bool:
    return int(cache.get(_key(ip), 0)) >= FAILED_CHECKS_ALLOWED


def record_failure(ip: str) -> None:
    key = _key(ip)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)

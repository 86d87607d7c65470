"""The viewer's edit password: stored as a PBKDF2 hash (KG_EDIT_PASSWORD), checked in constant time."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCHEME = "pbkdf2_sha256"
ITERATIONS = 390_000


def hash_password(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """pbkdf2_sha256$<iterations>$<salt>$<hash>, the value to put in KG_EDIT_PASSWORD."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{SCHEME}${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def editing_enabled(configured: str) -> bool:
    return bool((configured or "").strip())


def check_password(given: str, configured: str) -> bool:
    """Whether `given` is the edit password. `configured` is a hash from hash_password; a plain value (not
    recommended) is compared as a SHA-256 digest, so neither form is compared character by character."""
    configured = (configured or "").strip()
    if not configured or not given:
        return False
    parts = configured.split("$")
    if parts[0] == SCHEME and len(parts) == 4 and parts[1].isdigit():
        try:
            salt, want = base64.b64decode(parts[2]), base64.b64decode(parts[3])
        except ValueError:
            return False
        got = hashlib.pbkdf2_hmac("sha256", given.encode("utf-8"), salt, int(parts[1]))
        return hmac.compare_digest(got, want)
    return hmac.compare_digest(hashlib.sha256(given.encode("utf-8")).digest(),
                               hashlib.sha256(configured.encode("utf-8")).digest())

"""The one domain error services raise; views and the middleware map it to a response."""

from typing import Any


class ApplicationError(Exception):
    """A rule of the service stopped an action. The message is safe and clear to show a user."""

    status_code = 400

    def __init__(self, message: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class ConflictError(ApplicationError):
    """The action clashes with the record's current state (e.g. a certificate already issued)."""

    status_code = 409

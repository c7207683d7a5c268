"""The one domain error services raise; `mediation.core.actions` and the middleware map it."""

from typing import Any


class ApplicationError(Exception):
    """A rule of the service stopped an action. The message is safe and clear to show a user.

    ``field`` names the input the message is about (a service's keyword argument, such as
    ``"receipts"``), so that a form can show it beside that question; without it, the message
    belongs to the whole action and goes in the error summary.
    """

    status_code = 400

    def __init__(
        self, message: str, *, field: str | None = None, extra: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class ConflictError(ApplicationError):
    """The action clashes with the record's current state (e.g. a certificate already issued)."""

    status_code = 409

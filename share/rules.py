"""The error every service raises when a rule of the domain is broken."""


class DomainError(Exception):
    """`message` is shown to the user as it is; `field` names the form field it is about."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field

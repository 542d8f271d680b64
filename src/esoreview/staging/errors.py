"""The one exception the staging package raises for bad input."""


class StagingError(ValueError):
    """Invalid staging input; the message names the field, the value given and what is allowed."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {value!r} is not valid; allowed values: {allowed}")

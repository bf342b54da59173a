"""Why a step of the path was refused, in words the user can act on."""


class TransitionRefusedError(Exception):
    """A step that is not possible now; the message is translated."""

    def __init__(self, message) -> None:
        super().__init__(str(message))

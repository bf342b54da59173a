"""What an error page says: the status in words and what the user can do."""

from flask_babel import lazy_gettext as _l

ERROR_MESSAGES = {
    400: _l("The request could not be understood. Go back and try again."),
    403: _l("You do not have access to this page or record."),
    404: _l("The page or record was not found. It may have been removed."),
    405: _l("This address does not accept that kind of request."),
    409: _l(
        "The record was not saved because it conflicts with another record. Go "
        "back, check the fields that must be unique, and save again."
    ),
    429: _l("Too many attempts. Wait a moment and try again."),
    500: _l(
        "Something went wrong on our side. Your change was not saved; try "
        "again, and if the problem continues, contact the coordinator."
    ),
}

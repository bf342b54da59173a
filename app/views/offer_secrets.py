"""The business secrets (liikesalaisuudet) marked in an offer: a tab on the
offer's page, where the lead provider marks passages of its draft, and what the
offer's page and the request's page show of them."""

from flask_appbuilder.models.sqla.filters import FilterEqual, FilterEqualFunction
from flask_babel import lazy_gettext as _l
from wtforms import Field, Form
from wtforms.validators import StopValidation

from app.extensions import db
from app.models import Offer, OfferSecret, OfferStatus, RequestForQuotation
from app.security.row_rules import read_condition
from app.security.viewer import Viewer
from app.services import public_disclosure
from app.services.workflow import offer_secrets
from app.services.workflow.errors import TransitionRefusedError
from app.views.base import OperatorModelView, interface


def _own_organisation_id() -> int | None:
    return Viewer.current().organisation_id


def _offer_of(form: Form) -> Offer | None:
    """The offer a marking belongs to: chosen on the add form, or the stored
    marking's on the edit form (which does not change it)."""
    field = getattr(form, "offer", None)
    if field is not None and isinstance(field.data, Offer):
        return field.data
    if field is not None and field.raw_data:
        # An offer the user may read but not mark (not a draft it leads) is
        # missing from the choices; it is looked up to say why.
        return _readable_offer(field.raw_data[0])
    record_id = getattr(form, "_id", None)
    if record_id is None:
        return None
    secret = db.session.get(OfferSecret, int(record_id))
    return secret.offer if secret is not None else None


def _readable_offer(offer_id) -> Offer | None:
    if not str(offer_id).isdigit():
        return None
    return db.session.scalar(
        db.select(Offer).where(
            Offer.id == int(offer_id), read_condition(Offer, Viewer.current())
        )
    )


class SecretPassage:
    """The passage can be marked in this offer, now, by this user."""

    def __call__(self, form: Form, field: Field) -> None:
        offer = _offer_of(form)
        if offer is None:
            return
        try:
            offer_secrets.require_changeable(offer, Viewer.current())
            offer_secrets.check_passage(offer, field.data)
        except TransitionRefusedError as refusal:
            raise StopValidation(str(refusal)) from refusal


class ReasonGiven:
    """Every marking says why the passage is a business secret."""

    def __call__(self, form: Form, field: Field) -> None:
        try:
            offer_secrets.check_reason(field.data)
        except TransitionRefusedError as refusal:
            raise StopValidation(str(refusal)) from refusal


class OfferSecretView(OperatorModelView):
    datamodel = interface(OfferSecret)
    list_title = _l("Business secrets")
    show_title = _l("Business secret")
    add_title = _l("Mark a business secret")
    edit_title = _l("Edit business secret")
    list_columns = ["offer", "passage", "reason"]
    search_columns = ["passage", "reason"]
    add_columns = ["offer", "passage", "reason"]
    # A marking stays with its offer; another offer gets a marking of its own.
    edit_columns = ["passage", "reason"]
    label_columns = {
        **OperatorModelView.label_columns,
        "passage": _l("Passage kept secret"),
        "reason": _l("Why it is a business secret"),
    }
    description_columns = {
        "passage": _l(
            "Copy the passage word for word from the offer's content or a "
            "consortium member's part. The total price is always public."
        ),
        "reason": _l("Not shown in the public disclosure of the request."),
    }
    # Markings are made in the drafts the provider leads.
    add_form_query_rel_fields = {
        "offer": [
            ["status", FilterEqual, OfferStatus.draft],
            ["lead_provider_id", FilterEqualFunction, _own_organisation_id],
        ]
    }
    validators_columns = {"passage": [SecretPassage()], "reason": [ReasonGiven()]}
    base_order = ("id", "asc")

    def pre_add(self, item) -> None:
        item.passage = offer_secrets.normalise(item.passage).strip()
        item.reason = item.reason.strip()

    def pre_update(self, item) -> None:
        self.pre_add(item)


# --- What the show pages call -------------------------------------------------


def offer_secret_texts(offer_id) -> list[tuple[str, list]] | None:
    """The offer's texts with its marked passages picked out, for the offer's
    page: None unless the user may read the offer and it has markings."""
    viewer = Viewer.current()
    offer = db.session.scalar(
        db.select(Offer).where(Offer.id == int(offer_id), read_condition(Offer, viewer))
    )
    if offer is None:
        return None
    passages = list(
        db.session.scalars(
            db.select(OfferSecret.passage).where(
                OfferSecret.offer_id == offer.id, read_condition(OfferSecret, viewer)
            )
        )
    )
    if not passages:
        return None
    texts = [(_l("Content of the offer"), offer_secrets.hide(offer.content, passages))]
    texts += [
        (str(member.provider), offer_secrets.hide(member.part, passages))
        for member in offer.members
    ]
    return [(label, segments) for label, segments in texts if _marked(segments)]


def _marked(segments) -> bool:
    return any(segment.hidden for segment in segments)


def disclosure_ready(request_id) -> bool:
    """Whether the request's public disclosure can be made, for its page."""
    request = db.session.scalar(
        db.select(RequestForQuotation).where(
            RequestForQuotation.id == int(request_id),
            read_condition(RequestForQuotation, Viewer.current()),
        )
    )
    return request is not None and public_disclosure.is_decided(request)

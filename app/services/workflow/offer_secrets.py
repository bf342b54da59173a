"""Business secrets (liikesalaisuudet) marked in an offer.

The lead provider marks passages of its draft offer, each with the reason, and
the public disclosure of the request hides them. A passage must be found word
for word in the offer's content or in a consortium member's part, and it may
never hold the total price: the price of a public procurement is always public.
Markings change only with the draft, so every submitted version keeps markings
that were valid when it was submitted; a new version takes them along.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l

from app.models import Offer, OfferSecret, OfferStatus
from app.security.viewer import Viewer
from app.services.workflow.errors import TransitionRefusedError

logger = logging.getLogger(__name__)

# What people put between the thousands of an amount: spaces (also the
# no-break and narrow no-break ones of Finnish and Swedish), points, commas
# and apostrophes.
THOUSANDS = "[ \u00a0\u202f.,']"
CENT = Decimal("0.01")


def normalise(text: str | None) -> str:
    """Text with its line breaks written one way, as forms and files differ in
    them; passages are matched and hidden in this form."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def offer_texts(offer: Offer) -> list[str]:
    """The texts of an offer where passages can be marked: its content and its
    consortium members' parts."""
    return [normalise(offer.content)] + [
        normalise(member.part) for member in offer.members
    ]


# --- The total price in the ways people write it -------------------------------


def _amount_pattern(amount: Decimal) -> str:
    """A pattern of one amount: 12000.00 is found as 12000, 12 000, 12.000,
    12 000,00, 12000.00 or 12 000,- and with any space between the thousands."""
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    whole, cents = f"{amount:f}".split(".")
    groups = [whole[max(i - 3, 0) : i] for i in range(len(whole), 0, -3)][::-1]
    whole_part = f"{THOUSANDS}?".join(groups)
    if cents == "00":
        decimals = "[.,](?:00?|-{1,2})"
    else:
        decimals = f"[.,]{cents[0]}0?" if cents.endswith("0") else f"[.,]{cents}"
    # Not a piece of a longer number: no digit right before or after, no other
    # decimals, and no further group of thousands.
    ending = rf"(?:{decimals}(?!\d)"
    if cents == "00":
        ending += rf"|(?![.,]?\d)(?!{THOUSANDS}\d{{3}}(?!\d))"
    ending += ")"
    return rf"(?<!\d)(?<!\d[.,]){whole_part}{ending}"


def price_pattern(offer: Offer) -> re.Pattern:
    """The offer's total price without VAT and, where VAT is charged, with it."""
    price = Decimal(offer.price or 0)
    amounts = {price}
    vat_rate = Decimal(offer.vat_rate or 0)
    if vat_rate:
        amounts.add(price * (1 + vat_rate / 100))
    return re.compile("|".join(_amount_pattern(amount) for amount in amounts))


def holds_price(offer: Offer, passage: str) -> bool:
    return price_pattern(offer).search(passage) is not None


# --- Who may mark, and what -----------------------------------------------------


def require_changeable(offer: Offer, viewer: Viewer) -> None:
    """Markings change with the draft, and only in the lead provider's hands,
    just as the offer itself."""
    if not viewer.is_system and offer.lead_provider_id != viewer.organisation_id:
        raise TransitionRefusedError(
            _l("Only the lead provider of the offer can mark its business secrets.")
        )
    if offer.status is not OfferStatus.draft:
        raise TransitionRefusedError(
            _l(
                "Business secrets can be marked only in a draft offer: make a new "
                "version of the offer first."
            )
        )


def check_reason(reason: str | None) -> None:
    if not normalise(reason).strip():
        raise TransitionRefusedError(_l("Write why the passage is a business secret."))


def check_passage(offer: Offer, passage: str | None) -> None:
    """Refuse a passage that the public disclosure could not hide, or must not."""
    passage = normalise(passage).strip()
    if not passage:
        raise TransitionRefusedError(
            _l("Copy the passage to be kept secret from the offer.")
        )
    if not any(passage in text for text in offer_texts(offer)):
        raise TransitionRefusedError(
            _l(
                "The passage is not found word for word in the offer's content or "
                "in a consortium member's part: copy it from there."
            )
        )
    if holds_price(offer, passage):
        raise TransitionRefusedError(
            _l(
                "The total price of an offer is never a business secret: leave the "
                "price out of the passage."
            )
        )


def check_marking(offer: Offer, passage: str | None, reason: str | None) -> None:
    """Refuse a marking that the public disclosure could not honour."""
    check_passage(offer, passage)
    check_reason(reason)


def require_valid_markings(offer: Offer) -> None:
    """Before an offer is submitted: every marking still holds for the offer as
    it now reads (its content, parts or price may have changed since)."""
    for secret in offer.secrets:
        try:
            check_marking(offer, secret.passage, secret.reason)
        except TransitionRefusedError as refusal:
            raise TransitionRefusedError(
                _l(
                    "The business secret “%(passage)s” no longer fits the offer: "
                    "%(reason)s Change or remove the marking, then submit.",
                    passage=str(secret),
                    reason=str(refusal),
                )
            ) from refusal


def copy_markings(offer: Offer, revision: Offer) -> None:
    """A new version keeps the markings of the version it was made from."""
    for secret in offer.secrets:
        revision.secrets.append(
            OfferSecret(passage=secret.passage, reason=secret.reason)
        )
    logger.info(
        "Copied %s business secret markings from offer %s to its new version",
        len(offer.secrets),
        offer.id,
    )


# --- Hiding the marked passages -------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A piece of a text: shown as it is, or hidden as a business secret."""

    text: str
    hidden: bool


def hide(text: str | None, passages: Iterable[str]) -> list[Segment]:
    """The text in pieces, with every occurrence of every passage hidden.
    Occurrences that overlap or touch are hidden as one, so no part of an
    overlapping passage is left in sight."""
    text = normalise(text)
    spans = []
    for passage in {normalise(p) for p in passages if p and p.strip()}:
        start = text.find(passage)
        while start != -1:
            spans.append((start, start + len(passage)))
            start = text.find(passage, start + 1)
    segments, shown_from = [], 0
    for start, end in _merged(spans):
        if start > shown_from:
            segments.append(Segment(text[shown_from:start], False))
        segments.append(Segment(text[start:end], True))
        shown_from = end
    if shown_from < len(text):
        segments.append(Segment(text[shown_from:], False))
    return segments


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

"""Looking a company up by its business ID in the Finnish business register's
open data (PRH's YTJ service), to prefill the need form. Off unless
COMPANY_LOOKUP_URL is set; a failure or a slow answer only means the form is
filled by hand."""

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from flask import current_app

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 3
# The register's codes: name type 1 is the current name, language 1 Finnish.
CURRENT_NAME, FINNISH = "1", "1"


class LookupUnavailableError(Exception):
    """The register did not answer in time or answered with an error."""


@dataclass
class CompanyFacts:
    name: str
    industry: str | None
    street: str | None
    postal_code: str | None
    city: str | None


def enabled() -> bool:
    return bool(current_app.config.get("COMPANY_LOOKUP_URL"))


def lookup(business_id: str) -> CompanyFacts | None:
    """The register's facts of the company, or None if it has none."""
    base = current_app.config["COMPANY_LOOKUP_URL"]
    timeout = current_app.config.get("COMPANY_LOOKUP_TIMEOUT", DEFAULT_TIMEOUT_SECONDS)
    url = f"{base}?{urllib.parse.urlencode({'businessId': business_id})}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise LookupUnavailableError(str(error)) from error
    except (OSError, ValueError) as error:
        logger.warning("Company lookup failed for %s: %s", business_id, error)
        raise LookupUnavailableError(str(error)) from error
    companies = data.get("companies") or []
    if not companies:
        return None
    return _facts(companies[0])


def _finnish(items, key: str) -> str | None:
    for item in items or []:
        if str(item.get("languageCode")) == FINNISH:
            return item.get(key)
    return (items or [{}])[0].get(key) if items else None


def _facts(company: dict) -> CompanyFacts:
    names = [
        n
        for n in company.get("names") or []
        if str(n.get("type")) == CURRENT_NAME and not n.get("endDate")
    ]
    name = names[0]["name"] if names else (company.get("names") or [{}])[0].get("name")
    line = company.get("mainBusinessLine") or {}
    addresses = company.get("addresses") or []
    address = addresses[0] if addresses else {}
    return CompanyFacts(
        name=name or "",
        industry=_finnish(line.get("descriptions"), "description"),
        street=address.get("street"),
        postal_code=address.get("postCode"),
        city=_finnish(address.get("postOffices"), "city"),
    )

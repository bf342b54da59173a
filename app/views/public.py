"""The public door: a company tells its training need without an account, the
service map shows the menu, and the privacy notice says what is kept. The need
form is guarded by a hidden field that people leave empty and by a limit of
posts per address; neither needs an outside service."""

from dataclasses import asdict

from flask import abort, current_app, jsonify, render_template, request
from flask_appbuilder import BaseView, expose
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from app.extensions import db
from app.models import ServiceEntity
from app.models.business_id import normalise_business_id
from app.models.choices import Language
from app.services import company_lookup
from app.services.workflow.need_requests import NeedMessage, receive
from app.services.workflow.transactions import commit_and_send
from app.views.validators import BusinessId

# Posts of the need form one address may make; more answer 429.
NEED_FORM_LIMIT = "5 per hour"
LOOKUP_LIMIT = "20 per hour"
COMPANY_DETAILS = ("industry", "street_address", "postal_code", "municipality")


def _required(message):
    return DataRequired(message=message)


class NeedForm(FlaskForm):
    business_id = StringField(
        _l("Business ID (Y-tunnus)"),
        validators=[_required(_l("Give the company's business ID.")), BusinessId()],
    )
    company_name = StringField(
        _l("Company"),
        validators=[_required(_l("Give the company's name.")), Length(max=200)],
    )
    industry = StringField(_l("Industry (optional)"), validators=[Length(max=200)])
    street_address = StringField(
        _l("Street address (optional)"), validators=[Length(max=200)]
    )
    postal_code = StringField(_l("Postal code (optional)"), validators=[Length(max=10)])
    municipality = StringField(
        _l("Municipality (optional)"), validators=[Length(max=100)]
    )
    first_name = StringField(
        _l("First name"),
        validators=[_required(_l("Give your first name.")), Length(max=100)],
    )
    last_name = StringField(
        _l("Last name"),
        validators=[_required(_l("Give your last name.")), Length(max=100)],
    )
    email = StringField(
        _l("Email"),
        validators=[
            _required(_l("Give your email address.")),
            Email(_l("Check the email address, e.g. name@company.fi.")),
            Length(max=254),
        ],
    )
    phone = StringField(_l("Phone (optional)"), validators=[Length(max=40)])
    need = TextAreaField(
        _l("What should your staff learn?"),
        validators=[
            _required(_l("Tell us briefly what your staff should learn.")),
            Length(max=4000, message=_l("Shorten the text to 4000 characters.")),
        ],
    )
    services = SelectMultipleField(
        _l("Services of interest (optional)"),
        coerce=int,
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
        validate_choice=False,
    )
    timing = StringField(
        _l("When would the training suit you? (optional)"),
        validators=[Length(max=200)],
    )
    people = IntegerField(
        _l("How many people? (optional)"),
        validators=[
            Optional(),
            NumberRange(1, 10000, _l("Give a number from 1 to 10000.")),
        ],
    )
    consent = BooleanField(
        _l("I agree that my data is processed as the privacy notice describes."),
        validators=[InputRequired(_l("The need can be sent only with your consent."))],
    )
    # Left empty by people; programs that fill every field fill it too.
    website = StringField(_l("Leave this field empty"))


def _active_services():
    return db.session.scalars(
        db.select(ServiceEntity)
        .where(ServiceEntity.is_active.is_(True))
        .order_by(ServiceEntity.name)
    ).all()


def _language() -> Language:
    locale = get_locale()
    code = locale.language if locale else Language.fi.name
    return Language[code] if code in Language.__members__ else Language.fi


class PublicView(BaseView):
    route_base = ""
    default_view = "need"

    @expose("/need", methods=["GET", "POST"])
    def need(self):
        services = _active_services()
        form = NeedForm()
        form.services.choices = [(s.id, s.name) for s in services]
        if request.method == "GET":
            wanted = request.args.get("service", type=int)
            form.services.data = [wanted] if wanted else []
            return self._page(
                "operator/need_form.html",
                form=form,
                lookup=company_lookup.enabled(),
            )
        if not form.validate_on_submit():
            page = self._page(
                "operator/need_form.html", form=form, lookup=company_lookup.enabled()
            )
            return page, 422
        if form.website.data:
            # A program filled the hidden field: thank it and keep nothing.
            current_app.logger.info("Need form: hidden field filled, nothing saved")
            return self._page("operator/need_thanks.html")
        receive(
            NeedMessage(
                business_id=form.business_id.data,
                company_name=form.company_name.data.strip(),
                company_details={
                    name: (form[name].data or "").strip() or None
                    for name in COMPANY_DETAILS
                },
                first_name=form.first_name.data.strip(),
                last_name=form.last_name.data.strip(),
                email=form.email.data.strip(),
                phone=(form.phone.data or "").strip(),
                need=form.need.data,
                timing=(form.timing.data or "").strip(),
                people=form.people.data,
                language=_language(),
                service_ids=[i for i in form.services.data or [] if isinstance(i, int)],
            )
        )
        commit_and_send()
        return self._page("operator/need_thanks.html")

    @expose("/services")
    def services(self):
        return self._page("operator/service_map.html", services=_active_services())

    @expose("/privacy")
    def privacy(self):
        return self._page(
            "operator/privacy.html",
            retention_days=current_app.config["PARTICIPANT_RETENTION_DAYS"],
        )

    def _page(self, template, **context):
        return render_template(
            template,
            appbuilder=self.appbuilder,
            base_template=self.appbuilder.base_template,
            **context,
        )


def limit_need_form(appbuilder) -> None:
    """At most NEED_FORM_LIMIT posts per address to the public pages (only the
    need form takes posts), counted in the limiter's shared storage
    (RATELIMIT_STORAGE_URI)."""
    if appbuilder.sm.limiter is None:
        return
    view = next(v for v in appbuilder.baseviews if isinstance(v, PublicView))
    appbuilder.sm.limiter.limit(NEED_FORM_LIMIT, methods=["POST"])(view.blueprint)


class CompanyLookupView(BaseView):
    """The need form asks here for the register's facts of a business ID."""

    route_base = "/need"
    default_view = "lookup"

    @expose("/lookup")
    def lookup(self):
        if not company_lookup.enabled():
            abort(404)
        business_id = normalise_business_id(request.args.get("business_id", ""))
        if business_id is None:
            return jsonify(message=str(_l("Check the business ID."))), 400
        try:
            facts = company_lookup.lookup(business_id)
        except company_lookup.LookupUnavailableError:
            message = _l("The business register did not answer: fill in by hand.")
            return jsonify(message=str(message)), 503
        if facts is None:
            return jsonify(message=str(_l("The register has no such company."))), 404
        return jsonify(asdict(facts))


def limit_company_lookup(appbuilder) -> None:
    """The lookup calls an outside service: a few a minute per address."""
    if appbuilder.sm.limiter is None:
        return
    view = next(v for v in appbuilder.baseviews if isinstance(v, CompanyLookupView))
    appbuilder.sm.limiter.limit(LOOKUP_LIMIT)(view.blueprint)

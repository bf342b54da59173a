"""Certificates: the provider's screen with each certificate's PDF, and the
public page where anyone holding a certificate's code can check it."""

from flask import abort, redirect, render_template, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from app.models import Certificate
from app.services import certificates
from app.views.base import OperatorModelView, interface
from app.views.downloads import file_response
from app.views.validators import Positive


class TookPart:
    """The participant completed the training: no certificate otherwise."""

    def __call__(self, form, field) -> None:
        participant = field.data
        if participant is not None and not participant.completed:
            raise ValidationError(
                _l(
                    "%(name)s has not completed the training: mark the participant "
                    "completed first, then issue the certificate.",
                    name=participant.full_name,
                )
            )


class CertificateView(OperatorModelView):
    datamodel = interface(Certificate)
    list_title = _l("Certificates")
    show_title = _l("Certificate")
    add_title = _l("Add a certificate")
    edit_title = _l("Edit certificate")
    list_columns = ["participant", "issued_on", "hours", "verification_code"]
    search_columns = ["issued_on", "verification_code"]
    add_columns = edit_columns = ["participant", "issued_on", "hours"]
    validators_columns = {"hours": [Positive()], "participant": [TookPart()]}
    base_order = ("issued_on", "desc")
    show_template = "operator/certificate_show.html"

    @expose("/pdf/<int:pk>")
    @has_access
    def pdf(self, pk: int):
        certificate = self.datamodel.get(pk)
        if certificate is None:
            abort(404)
        return file_response(
            certificates.render_pdf(certificate),
            "application/pdf",
            f"todistus-{certificate.verification_code}.pdf",
        )


class CertificateCheckView(BaseView):
    """Public: a certificate's code shows whom it was given, for what, by whom."""

    route_base = "/certificate"
    default_view = "lookup"

    @expose("/check")
    def lookup(self):
        code = request.args.get("code", "").strip()
        if code:
            return redirect(url_for("CertificateCheckView.check", code=code))
        return self._page(None, None)

    @expose("/check/<code>")
    def check(self, code: str):
        certificate = certificates.find(code)
        if certificate is None:
            return self._page(code, None), 404
        return self._page(code, certificates.facts(certificate))

    def _page(self, code, stated):
        return render_template(
            "operator/certificate_check.html",
            appbuilder=self.appbuilder,
            base_template=self.appbuilder.base_template,
            code=code,
            stated=stated,
        )

"""The joint procurement page: companies with open needs for the same service
entity, and a button that puts them on one draft request."""

from flask import flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.services import joint_procurement


class JointProcurementView(BaseView):
    route_base = "/joint-procurement"
    default_view = "list"

    @expose("/")
    @has_access
    def list(self):
        return self.render_template(
            "operator/joint_procurement.html",
            title=_l("Joint procurement"),
            candidates=joint_procurement.candidates(),
        )

    @expose("/draft", methods=["POST"])
    @has_access
    def draft(self):
        entity_id = request.form.get("entity_id", type=int)
        created = joint_procurement.draft_request(entity_id) if entity_id else None
        if created is None:
            db.session.rollback()
            flash(
                str(_l("There is no joint need for that service any more.")), "danger"
            )
            return redirect(url_for("JointProcurementView.list"))
        db.session.commit()
        flash(
            str(_l("A draft joint request was made: check it and publish it.")),
            "success",
        )
        return redirect(url_for("RequestForQuotationView.edit", pk=created.id))

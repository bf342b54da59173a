"""Joint procurement: the coordinator sees companies with open needs for the
same service entity and puts them on one request."""

from app.extensions import db
from app.models import NeedsAssessment, NeedStatus, RequestForQuotation, ServiceEntity


def test_shared_open_needs_become_one_joint_request(app, coordinator):
    page = coordinator.get("/joint-procurement/").get_data(as_text=True)
    with app.app_context():
        entity = db.session.scalars(
            db.select(ServiceEntity).filter_by(name="Digitaidot ja tekoäly työssä")
        ).one()
        entity_id = entity.id
    assert "Vantaan Ohjelmistotalo Oy" in page
    assert "Hiekkaharjun Hammaslääkärit Oy" in page

    response = coordinator.post(
        "/joint-procurement/draft", data={"entity_id": entity_id}
    )

    with app.app_context():
        request = db.session.scalars(
            db.select(RequestForQuotation).where(
                RequestForQuotation.service_entities.any(ServiceEntity.id == entity_id),
                RequestForQuotation.reference.contains("-YH-"),
            )
        ).one()
        names = sorted(company.name for company in request.client_companies)
        assert names == ["Hiekkaharjun Hammaslääkärit Oy", "Vantaan Ohjelmistotalo Oy"]
        assert request.is_joint_procurement
        assert all(n.status is NeedStatus.in_request for n in request.needs_assessments)
        open_left = db.session.scalars(
            db.select(NeedsAssessment).where(
                NeedsAssessment.service_entities.any(ServiceEntity.id == entity_id),
                NeedsAssessment.status == NeedStatus.open,
            )
        ).all()
        assert open_left == []
        assert response.headers["Location"].endswith(
            f"/requestforquotationview/edit/{request.id}"
        )

    again = coordinator.post("/joint-procurement/draft", data={"entity_id": entity_id})
    assert again.headers["Location"].endswith("/joint-procurement/")


def test_only_the_coordinator_opens_joint_procurement(client_as):
    for username in ("provider1", "client1", "steering"):
        assert client_as(username).get("/joint-procurement/").status_code == 403

"""Market and foresight notes (markkina- ja ennakointitieto)."""

from flask_appbuilder import Model
from sqlalchemy import Column, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from app.models.history import RecordHistory


class ForesightNote(RecordHistory, Model):
    """An observation of what companies in the region will need."""

    __tablename__ = "foresight_note"

    id = Column(Integer, primary_key=True)
    title = Column(String(200), nullable=False)
    body = Column(Text, nullable=False)
    noted_on = Column(Date, nullable=False)
    source = Column(String(200))
    industry = Column(String(200))
    theme_id = Column(Integer, ForeignKey("service_theme.id"))
    service_entity_id = Column(Integer, ForeignKey("service_entity.id"))

    theme = relationship("ServiceTheme")
    service_entity = relationship("ServiceEntity")

    def __str__(self) -> str:
        return self.title

"""The service path as a workflow: the transitions of leads, requests for
quotation, offers and deliveries, each checked, recorded and announced."""

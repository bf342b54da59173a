"""The names of the fixed roles, as stored in Flask-AppBuilder's role table."""

COORDINATOR = "Coordinator"
PROVIDER = "Provider"
STEERING_GROUP = "Steering group"
CLIENT = "Client"
ADMIN = "Admin"

ROLE_NAMES = (COORDINATOR, PROVIDER, STEERING_GROUP, CLIENT, ADMIN)

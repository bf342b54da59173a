"""Services: the work of the service path, apart from how it is shown."""

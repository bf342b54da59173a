"""Who may do what: the fixed roles and the security manager."""

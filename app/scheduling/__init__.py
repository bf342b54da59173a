"""The scheduler process: one per deployment, never inside web workers."""

"""A believable Finnish demo data set with one login per role."""

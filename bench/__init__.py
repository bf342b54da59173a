"""The benchmark of issue 11 (`make bench`): a city-sized data set on SQLite and
PostgreSQL, and one table of what the back office costs on it. Kept apart from
the tests: pytest does not collect it."""

"""Personal data of the people the platform holds: what is kept of a person
(export), erasure that anonymises them while the records others rely on stay,
and retention that anonymises participants a set time after their training."""

"""The steering group's figures, each computed by one aggregate query in the
database so that they stay fast as years of data pile up. Every figure is
about a period of Helsinki dates; rates whose base is zero are None, not 0."""

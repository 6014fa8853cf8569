"""Demo content so a newcomer's first look at the site shows what it is for.

Only for development: `make run` calls `flask seed-demo`; production never does.
"""

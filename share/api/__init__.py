"""The JSON API for other systems: one material with its evidence. (Search answers at
/api/v1/search from the search package, with the same parameters as its page.)"""

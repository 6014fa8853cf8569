"""Words within a few edits of a word, for backends whose term dictionaries answer
prefixes but not edit distances (tantivy, OpenSearch): "Menade du" asks for them."""

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


def near(word: str, counts: dict[str, int], distance: int) -> dict[str, int]:
    """Those of `counts`' words at most `distance` insertions, deletions or substitutions
    from `word`, with their counts. Thousands of words may share a word's first letters:
    they are compared in compiled code."""
    found = process.extract(
        word, list(counts), scorer=Levenshtein.distance, score_cutoff=distance, limit=None
    )
    return {other: counts[other] for other, _, _ in found}

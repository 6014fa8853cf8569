import pytest

from share.vocabularies.models import CoreProcess, SchoolForm, Subject
from tests.support.vocabularies import term_id


@pytest.fixture
def material_form(db):
    """Factory for a valid create/edit form; keyword arguments override fields."""

    def make(**overrides) -> dict:
        data = {
            "kind": "method",
            "title": "Exit tickets i matematik",
            "summary": "Tre frågor i slutet av lektionen visar vad eleverna förstått.",
            "body": "## Så gjorde jag\n\nEleverna svarar på **tre** frågor.",
            "research_basis": "Black & Wiliam (1998), Inside the Black Box.",
            "core_process_ids": [str(term_id(db, CoreProcess, "synligt-larande"))],
            "school_form_ids": [str(term_id(db, SchoolForm, "grundskola-4-6"))],
            "subject_ids": [str(term_id(db, Subject, "matematik"))],
            "tags": "Formativ bedömning, exit tickets",
            "licence": "cc-by-4.0",
            "action": "publish",
        }
        data.update(overrides)
        return data

    return make

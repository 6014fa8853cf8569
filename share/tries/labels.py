"""What a reader sees for outcomes, bases and evidence levels."""

from flask_babel import lazy_gettext as _l

from share.materials.models import EvidenceLevel
from share.tries.models import Basis, Outcome

OUTCOME_LABELS = {
    Outcome.WELL: _l("It worked well"),
    Outcome.PARTLY: _l("It worked partly"),
    Outcome.NOT: _l("It did not work"),
}

BASIS_LABELS = {
    Basis.OBSERVATION: _l("Observation"),
    Basis.STUDENT_WORK: _l("Pupils' work"),
    Basis.STUDENT_VOICES: _l("Pupils' voices"),
    Basis.RESULTS: _l("Results"),
}

EVIDENCE_LABELS = {
    EvidenceLevel.UNTRIED: _l("Not yet tried"),
    EvidenceLevel.TRIED: _l("Tried"),
    EvidenceLevel.PROVEN: _l("Proven experience"),
    EvidenceLevel.RESEARCH_BASED: _l("Research-based"),
}

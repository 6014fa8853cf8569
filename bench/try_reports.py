"""Try reports for the generated corpus of bench/corpus.py, straight into Dela's database.

Reports are spread over materials with a long tail (most have 0-3, a few hundreds), written
by colleagues in units across the areas, some reporting much more than others; their text
is Swedish prose on the material's themes. Each material's evidence level and count are
what the real rule (share/tries/evidence.py `assess`) gives its reports as stored, and
`verify` checks a sample against `evidence_of` on the rows in the database. Deterministic:
the same seed gives the same reports.
"""

import math
import random
import time
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from types import SimpleNamespace

from bench.corpus import EMAIL, Corpus

REPORTERS = 3_000
#: A municipality has more units than the demo's 9: these areas of 5 units each come too.
EXTRA_AREAS = 6
#: Reports per material: lognormal (median ~1.5), at most MAX_PER_MATERIAL, then scaled.
COUNT_MU, COUNT_SIGMA, MAX_PER_MATERIAL = 0.4, 1.95, 800
OUTCOMES = {"well": 60, "partly": 30, "not": 10}
BASES = ["observation", "student-work", "student-voices", "results"]
GROUPS = ["åk {y}, {n} elever", "halvklass åk {y}", "SvA-grupp åk {y}", "förskolegrupp, {n} barn",
          "fritids, {n} barn", "åk {y}, två klasser"]  # fmt: skip
HIDDEN_SHARE = 0.005


def prepare_database(app) -> None:
    """Migrations, the demo accounts and synonyms, and the extra areas and units (before
    `store`, which spreads the authors over the units there are)."""
    from flask_migrate import upgrade

    from share.demo.accounts import seed_demo_accounts
    from share.extensions import db
    from share.schools.models import Area, Unit, UnitKind
    from share.search.synonyms import seed_synonyms

    with app.app_context():
        upgrade()
        seed_demo_accounts()
        seed_synonyms()
        for a in range(1, EXTRA_AREAS + 1):
            area = Area(name=f"Skolområde {a}")
            db.session.add_all(
                [area, *(Unit(name=f"Enhet {a}.{u}", kind=UnitKind.SCHOOL, area=area)
                         for u in range(1, 6))]
            )  # fmt: skip
        db.session.commit()


def report_counts(materials: int, reports: int, page_reports: int, rng) -> list[int]:
    """Reports per material, summing to `reports`; the most reported has `page_reports`."""
    cap = min(MAX_PER_MATERIAL, REPORTERS)
    raw = [min(cap, int(rng.lognormvariate(COUNT_MU, COUNT_SIGMA))) for _ in range(materials)]
    heaviest = max(range(materials), key=raw.__getitem__)
    raw[heaviest] = 0
    scale = (reports - page_reports) / max(1, sum(raw))
    counts = [min(cap, round(c * scale)) for c in raw]
    while (missing := reports - page_reports - sum(counts)) != 0:
        i = rng.randrange(materials)
        if i != heaviest and (0 < counts[i] < cap if missing > 0 else counts[i] > 0):
            counts[i] += 1 if missing > 0 else -1
    counts[heaviest] = page_reports
    return counts


def bucket(count: int) -> str:
    for limit, name in ((0, "0"), (3, "1-3"), (20, "4-20"), (99, "21-99")):
        if count <= limit:
            return name
    return "100+"


class Reports:
    """Colleagues' try reports, material by material: the same for a given seed."""

    def __init__(self, corpus: Corpus, reporters: list[tuple[int, int]], forms: list[int], now):
        self.corpus, self.reporters, self.forms, self.now = corpus, reporters, forms, now
        # A few colleagues report much more than most.
        self.activity = list(accumulate(1 / (i + 10) for i in range(len(reporters))))

    def of(self, n: int, material_id: int, published, count: int) -> list[dict]:
        rng = random.Random(self.corpus.seed * 7_919 + n)  # noqa: S311 (benchmark data)
        themes = self.corpus.themes_of(n)
        chosen: dict[int, int] = {}  # reporter → unit, one report each
        while len(chosen) < count:
            for uid, unit in rng.choices(self.reporters, cum_weights=self.activity, k=count):
                if len(chosen) < count:
                    chosen[uid] = unit
        now = self.now if published.tzinfo else self.now.replace(tzinfo=None)
        made = []
        for uid, unit in chosen.items():
            created = published + (now - published) * rng.random() ** 0.5
            tried = created - timedelta(days=rng.choice((0, 10, 40, 70)))
            group = rng.choice(GROUPS).format(y=rng.randint(1, 9), n=rng.randint(12, 28))
            reflection = min(5_000, int(rng.lognormvariate(math.log(300), 0.8)))
            made.append(
                {
                    "material_id": material_id,
                    "author_id": uid,
                    "unit_id": unit,
                    "school_form_id": rng.choice(self.forms),
                    "group_description": group,
                    "tried_year": tried.year,
                    "tried_month": tried.month,
                    "outcome": rng.choices(list(OUTCOMES), list(OUTCOMES.values()))[0],
                    "bases": sorted(rng.sample(BASES, rng.randint(1, 3)), key=BASES.index),
                    "adaptations": self.text(rng, rng.randint(40, 300), themes, 0.5),
                    "reflection": self.text(rng, reflection, themes, 0.85),
                    "hidden": rng.random() < HIDDEN_SHARE,
                    "created_at": created,
                    "updated_at": created,
                }
            )
        return made

    def text(self, rng, chars: int, themes: list[int], share: float) -> str:
        return self.corpus.passage(rng, chars, themes) if rng.random() < share else ""


def fill(app, corpus: Corpus, reports: int, page_reports: int, progress) -> dict:
    """Reporters, research confirmations, try reports and the evidence the rule gives them,
    straight into the database; returns what the report says of them."""
    from sqlalchemy import func, insert, select, update

    from share.auth.models import Role, User
    from share.extensions import db
    from share.materials.models import EvidenceLevel, Material
    from share.schools.models import Unit
    from share.tries.evidence import ReportFacts, assess
    from share.tries.models import Outcome, TryReport
    from share.vocabularies.models import SchoolForm

    rng = random.Random(corpus.seed)  # noqa: S311 (benchmark data)
    now, started = datetime.now(UTC), time.perf_counter()
    with app.app_context():
        units = dict(db.session.execute(select(Unit.id, Unit.area_id)).all())
        teacher = db.session.execute(select(User).where(User.email == EMAIL)).scalar_one()
        editor = db.session.execute(select(User.id).where(User.role == Role.EDITOR)).scalar()
        first = db.session.execute(select(func.max(User.id))).scalar_one() + 1
        reporters = [(first + i, rng.choice(sorted(units))) for i in range(REPORTERS)]
        db.session.execute(
            insert(User),
            [
                {"id": uid, "email": f"provare{uid}@kommun.example", "name": f"Provare {uid}",
                 "role": Role.TEACHER, "unit_id": unit, "password_hash": teacher.password_hash}
                for uid, unit in reporters
            ],
        )  # fmt: skip
        # An editor has confirmed the research basis of every fifth material that has one.
        db.session.execute(
            update(Material)
            .where(Material.research_basis != "", Material.id % 5 == 0)
            .values(research_confirmed_at=now, research_confirmed_by_id=editor)
        )
        rows = db.session.execute(
            select(Material.id, Material.author_id, Material.unit_id, Material.published_at,
                   Material.research_confirmed_at, User.unit_id)
            .join(User, Material.author_id == User.id)
            .order_by(Material.id)
        ).all()  # fmt: skip
        forms = list(db.session.execute(select(SchoolForm.id)).scalars())
        counts = report_counts(len(rows), reports, page_reports, rng)
        made_by = Reports(corpus, reporters, forms, now)
        levels, batch, chars = {}, [], 0
        for n, (row, count) in enumerate(zip(rows, counts, strict=True)):
            mid, author_id, unit_id, published, confirmed, author_unit = row
            made = made_by.of(n, mid, published, count)
            chars += sum(len(r["adaptations"]) + len(r["reflection"]) for r in made)
            # The rule itself, on the rows as they will be stored.
            material = SimpleNamespace(
                author_id=author_id, unit_id=unit_id, research_confirmed_at=confirmed,
                author=SimpleNamespace(unit_id=author_unit),
            )  # fmt: skip
            seen = [
                ReportFacts(author_id=r["author_id"], unit_id=r["unit_id"],
                            area_id=units[r["unit_id"]], outcome=Outcome(r["outcome"]),
                            hidden=r["hidden"])
                for r in made
            ]  # fmt: skip
            last = max((r["created_at"] for r in made), default=None)
            levels[mid] = (assess(material, seen), last)
            batch += made
            if len(batch) >= 2_000 or n == len(rows) - 1:
                if batch:
                    db.session.execute(insert(TryReport), batch)
                progress(len(batch))
                batch = []
        proven = EvidenceLevel.PROVEN.rank
        db.session.execute(
            update(Material),
            [
                {"id": mid, "evidence_level": e.level, "tried_by_count": e.tried_by,
                 "proven_at": last if e.level.rank >= proven else None}
                for mid, (e, last) in levels.items()
            ],
        )  # fmt: skip
        db.session.commit()
    ids = [row[0] for row in rows]
    page_id, untried_id = ids[counts.index(page_reports)], ids[counts.index(0)]
    by_level, by_count = {level.value: 0 for level in EvidenceLevel}, {}
    for evidence, _ in levels.values():
        by_level[evidence.level.value] += 1
    for count in counts:
        by_count[bucket(count)] = by_count.get(bucket(count), 0) + 1
    return {
        "seconds": time.perf_counter() - started,
        "levels": by_level,
        "counts": by_count,
        "text_mb": chars / 1e6,
        "page_id": page_id,
        "untried_id": untried_id,
        "sample": {
            mid: levels[mid][0]
            for mid in sorted({page_id, untried_id, *rng.sample(ids, min(60, len(ids)))})
        },
    }


def verify(app, sample: dict) -> int:
    """Each material of `sample` (id → the Evidence `fill` computed) stores the level and
    count `evidence_of` gives from its rows in the database, and the rest agrees too."""
    from share.extensions import db
    from share.materials.models import EvidenceLevel, Material
    from share.tries.services import evidence_of

    with app.app_context():
        for mid, computed in sample.items():
            material = db.session.get(Material, mid)
            evidence = evidence_of(material)
            stored = (material.evidence_level, material.tried_by_count)
            proven = evidence.level.rank >= EvidenceLevel.PROVEN.rank
            if (evidence.level, evidence.tried_by) != stored or evidence != computed:
                raise SystemExit(f"material {mid}: stored {stored}, {computed}, rule {evidence}")
            if proven != (material.proven_at is not None):
                raise SystemExit(f"material {mid}: {evidence.level}, proven {material.proven_at}")
        db.session.rollback()
    return len(sample)


def add_comments(app, material_id: int, count: int, corpus: Corpus) -> int:
    """`count` comments on one material by the reporters of `fill`, about a third of them
    replies to an earlier top-level comment, some with a link; returns how many were stored."""
    from sqlalchemy import func, insert, select

    from share.auth.models import User
    from share.extensions import db
    from share.feedback.models import Comment
    from share.feedback.text import MAX_TEXT

    rng = random.Random(corpus.seed * 31 + material_id)  # noqa: S311 (benchmark data)
    with app.app_context():
        writers = list(
            db.session.execute(
                select(User.id).where(User.email.like("provare%")).order_by(User.id).limit(400)
            ).scalars()
        )
        start = datetime.now(UTC) - timedelta(days=200)
        top_level: list[int] = []
        first = (db.session.execute(select(func.max(Comment.id))).scalar() or 0) + 1
        rows = []
        for i in range(count):
            cid = first + i
            parent = rng.choice(top_level) if top_level and rng.random() < 0.35 else None
            if parent is None:
                top_level.append(cid)
            theme = [rng.randrange(len(corpus.themes))]
            text = corpus.passage(rng, int(rng.lognormvariate(math.log(160), 0.7)), theme)
            if rng.random() < 0.1:
                text += " Se https://skolverket.example/stod/las-och-skriv"
            rows.append(
                {"id": cid, "material_id": material_id, "writer_id": rng.choice(writers),
                 "parent_id": parent, "text": text[:MAX_TEXT], "hidden": rng.random() < 0.01,
                 "created_at": start + timedelta(minutes=20 * i)}
            )  # fmt: skip
        db.session.execute(insert(Comment), rows)
        db.session.commit()
    return len(rows)

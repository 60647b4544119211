"""How complete a roadmap is: a score per section and overall, and the concrete
list of what is missing, each with the anchor of the place to fix it.

The checks follow the holes that reviews of adopted NAPs keep finding: results
without indicators, indicators without baseline or target, activities without
lead, dates or cost, no coordination body, no civil-society seat.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from roadmaps.enums import MilestoneStatus, Section
from roadmaps.selectors import RoadmapTree


@dataclass
class Missing:
    message: str
    anchor: str


@dataclass
class SectionScore:
    section: Section
    done: int = 0
    total: int = 0
    missing: list = field(default_factory=list)

    @property
    def label(self):
        return self.section.label

    @property
    def percent(self):
        return int(round(self.done * 100 / self.total)) if self.total else 0

    def check(self, ok: bool, message, anchor: str, **params):
        """Count one check; a failed one joins the missing list. The message is
        formatted with ``params`` only then: most checks pass, and a large
        roadmap runs about a thousand of them on every page."""
        self.total += 1
        if ok:
            self.done += 1
        else:
            text = message % params if params else message
            self.missing.append(Missing(message=text, anchor=anchor))


@dataclass
class Completeness:
    sections: list

    @property
    def done(self):
        return sum(section.done for section in self.sections)

    @property
    def total(self):
        return sum(section.total for section in self.sections)

    @property
    def percent(self):
        return int(round(self.done * 100 / self.total)) if self.total else 0

    @property
    def missing(self):
        return [item for section in self.sections for item in section.missing]


def _filled(text) -> bool:
    return bool(text and str(text).strip())


def roadmap_facts(roadmap) -> dict[str, bool]:
    """All the score reads from the roadmap's own fields: whether each text is
    filled, not what it says. The editor caches the score under these facts
    (roadmaps/fragments.py), so typing in a filled text does not recompute it."""
    return {
        "context": _filled(roadmap.context_analysis),
        "period": bool(roadmap.plan_start_year and roadmap.plan_end_year),
        "toc_if": _filled(roadmap.toc_if),
        "toc_then": _filled(roadmap.toc_then),
        "toc_because": _filled(roadmap.toc_because),
    }


def roadmap_completeness(*, tree: RoadmapTree) -> Completeness:
    """Scores computed from an already loaded tree: no query."""
    facts = roadmap_facts(tree.roadmap)
    scores = {section: SectionScore(section=section) for section in Section}

    context = scores[Section.CONTEXT]
    context.check(facts["context"], _("Write the context analysis."), "context")
    context.check(
        facts["period"],
        _("Give the plan period (first and last year)."),
        "context",
    )

    toc = scores[Section.THEORY_OF_CHANGE]
    for fact, message in (
        ("toc_if", _("Complete the theory of change: “if …”.")),
        ("toc_then", _("Complete the theory of change: “then …”.")),
        ("toc_because", _("Complete the theory of change: “because …”.")),
    ):
        toc.check(facts[fact], message, "theory-of-change")

    results = scores[Section.RESULTS]
    indicators = scores[Section.INDICATORS]
    activities = scores[Section.ACTIVITIES]
    if not tree.pillars:
        results.check(False, _("Add the pillars of the plan."), "results")
    for pillar in tree.pillars:
        results.check(
            bool(pillar.outcome_list),
            _("Pillar %(code)s (%(name)s) has no outcome yet."),
            pillar.anchor,
            code=pillar.code,
            name=pillar.title,
        )
        for outcome in pillar.outcome_list:
            results.check(
                bool(outcome.output_list),
                _("Outcome %(code)s has no output yet."),
                outcome.anchor,
                code=outcome.code,
            )
            indicators.check(
                bool(outcome.indicator_list),
                _("Outcome %(code)s has no indicator."),
                f"indicators-{outcome.anchor}",
                code=outcome.code,
            )
            for output in outcome.output_list:
                activities.check(
                    bool(output.activity_list),
                    _("Output %(code)s has no activity."),
                    f"activities-{output.anchor}",
                    code=output.code,
                )
    for indicator in tree.indicators:
        _check_indicator(indicators, indicator)
    for activity in tree.activities:
        _check_activity(activities, activity)

    coordination = scores[Section.COORDINATION]
    body = tree.coordination
    coordination.check(
        body is not None and _filled(body.lead_institution),
        _("Name the lead institution."),
        "coordination",
    )
    coordination.check(
        body is not None and _filled(body.coordination_body),
        _("Name the coordination body."),
        "coordination",
    )
    coordination.check(
        body is not None and bool(body.civil_society_seats),
        _("Give civil society at least one seat in the coordination body."),
        "coordination",
    )

    scores[Section.LOCALIZATION].check(
        bool(tree.territories),
        _("Add at least one territory with its local actors and actions."),
        "localization",
    )
    scores[Section.MILESTONES].check(
        bool(tree.milestones),
        _("Plan the milestones towards adoption."),
        "milestones",
    )
    for milestone in tree.milestones:
        scores[Section.MILESTONES].check(
            milestone.planned_date is not None
            or milestone.status == MilestoneStatus.NOT_APPLICABLE,
            _("Milestone “%(name)s” has no planned date."),
            milestone.anchor,
            name=milestone.get_kind_display(),
        )
    return Completeness(sections=list(scores.values()))


def _check_indicator(score, indicator):
    code = indicator.code
    score.check(
        indicator.baseline_value is not None and indicator.baseline_year is not None,
        _("Indicator %(code)s has no baseline (value and year)."),
        indicator.anchor,
        code=code,
    )
    score.check(
        indicator.target_value is not None and indicator.target_year is not None,
        _("Indicator %(code)s has no target (value and year)."),
        indicator.anchor,
        code=code,
    )
    score.check(
        _filled(indicator.means_of_verification),
        _("Indicator %(code)s has no means of verification."),
        indicator.anchor,
        code=code,
    )


def _check_activity(score, activity):
    code = activity.code
    score.check(
        _filled(activity.lead_institution),
        _("Activity %(code)s has no lead institution."),
        activity.anchor,
        code=code,
    )
    score.check(
        bool(activity.start_quarter and activity.end_quarter),
        _("Activity %(code)s has no start and end quarter."),
        activity.anchor,
        code=code,
    )
    score.check(
        activity.cost is not None,
        _("Activity %(code)s has no cost estimate."),
        activity.anchor,
        code=code,
    )

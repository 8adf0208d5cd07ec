"""Operations on learners: register, change a registration, sign in, the PC's list."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from dxlearn.learning.profile import Profile

from ..context import LAST_LEARNER_KEY, LEARNERS_HERE_KEY, AppContext
from .runner import Op, OpChanges, Reporter

if TYPE_CHECKING:
    from dxlearn.store.records import Learner

logger = logging.getLogger(__name__)


def registered(ctx: AppContext) -> Op[list[Profile]]:
    """The learners registered in this database (the sign-in picker's candidates). On a
    server, only those who signed in on this PC (and on the roster, when the policy has one):
    never the whole organisation."""
    store = ctx.require_store()
    roster = {p.staff_id for p in ctx.roster}

    def work(_r: Reporter) -> list[Profile]:
        learners: list[Profile] = list(store.list_learners())
        if store.on_server:
            here = set(store.pc_setting(LEARNERS_HERE_KEY) or [])
            learners = [p for p in learners
                        if p.staff_id in here and (not roster or p.staff_id in roster)]
        return learners

    return Op(work, writes=False, name="learners")


def sign_in(ctx: AppContext, profile: Profile) -> Op[Learner]:
    """Sign ``profile`` in: registered now when the database does not know them yet, and
    remembered as this PC's last learner."""
    store = ctx.require_store()

    preferences: list[dict[str, object]] = []

    def work(_r: Reporter) -> Learner:
        learner = store.ensure_learner(profile.staff_id, profile.name, profile.department,
                                       profile.role)
        store.set_pc_setting(LAST_LEARNER_KEY, learner.staff_id)  # this PC's last learner
        if store.on_server:  # the PC remembers who signed in here; preferences follow them
            here = list(store.pc_setting(LEARNERS_HERE_KEY) or [])
            if learner.staff_id not in here:
                store.set_pc_setting(LEARNERS_HERE_KEY, [*here, learner.staff_id])
            preferences.append(store.settings_for(store.preference_scope(learner.staff_id)))
        return learner

    def signed_in(learner: Learner) -> None:
        ctx.learner = learner
        if preferences:
            ctx.load_preferences(preferences[-1])
        logger.info("signed in: %s (%s)", learner.staff_id, learner.role)

    return Op(work, success=signed_in, changes=OpChanges(learner=True, progress=True),
              name="sign in")


def find(ctx: AppContext, staff_id: str) -> Op[Learner | None]:
    store = ctx.require_store()
    return Op(lambda _r: store.get_learner(staff_id), writes=False, name="find learner")


def update(ctx: AppContext, profile: Profile, *, role_locked: bool) -> Op[Learner]:
    store = ctx.require_store()

    def signed_in(learner: Learner) -> None:
        ctx.learner = learner

    return Op(lambda _r: store.update_learner(
        profile.staff_id, name=profile.name, department=profile.department,
        role=None if role_locked else profile.role),
        success=signed_in, changes=OpChanges(learner=True), name="update learner")

"""Operations on learners: register, change a registration, sign in, the PC's list."""

from __future__ import annotations

import logging

from dxlearn.learning.profile import Profile
from dxlearn.store.records import Learner

from ..context import APP_SCOPE, LAST_LEARNER_KEY, AppContext
from .runner import Op, OpChanges, Reporter

logger = logging.getLogger(__name__)


def registered(ctx: AppContext) -> Op[list[Profile]]:
    """The learners registered in this database (the sign-in picker's candidates)."""
    store = ctx.require_store()
    return Op(lambda _r: list(store.list_learners()), writes=False, name="learners")


def sign_in(ctx: AppContext, profile: Profile) -> Op[Learner]:
    """Sign ``profile`` in: registered now when the database does not know them yet, and
    remembered as this PC's last learner."""
    store = ctx.require_store()

    def work(_r: Reporter) -> Learner:
        learner = store.get_learner(profile.staff_id)
        if learner is None:
            learner = store.register_learner(profile.staff_id, profile.name,
                                             profile.department, profile.role)
        store.set_setting(APP_SCOPE, LAST_LEARNER_KEY, learner.staff_id)
        return learner

    def signed_in(learner: Learner) -> None:
        ctx.learner = learner
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

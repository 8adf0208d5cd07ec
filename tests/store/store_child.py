"""Child process for the multi-process tests (run as a script, never imported by pytest).

Modes:
  probe DB    open the store, try a read and a write, print one JSON line, close.
  hold DB     open the store, print one JSON line, wait for a line on stdin, close.
  answers DB  record answers forever, acknowledging each AFTER its commit returned:
              "att <id>" for a started attempt, "ans <id> <q> <sel>" for an answer,
              "sec <n>" after the n-th one-second study time increment. Killed by the parent.

Imports only the store, to keep the start of each child light.
"""

from __future__ import annotations

import json
import sys

from dxlearn.store import StoreError, open_store


def _probe(db: str) -> None:
    with open_store(db) as opened:
        report = opened.report
        learners = [x.staff_id for x in opened.store.list_learners()]
        try:
            opened.store.register_learner("child", "n", "", "staff")
            write_error = None
        except StoreError as error:
            write_error = {"code": error.code, "path": str(error.path)}
        print(
            json.dumps(
                {
                    "read_only_reason": report.read_only_reason,
                    "second_instance": report.second_instance,
                    "learners": learners,
                    "write_error": write_error,
                    "lock_holder": report.lock_holder,
                }
            ),
            flush=True,
        )


def _hold(db: str) -> None:
    with open_store(db) as opened:
        opened.store.set_setting("app", "holder", "child")
        print(json.dumps({"read_only_reason": opened.report.read_only_reason}), flush=True)
        sys.stdin.readline()


def _answers(db: str) -> None:
    store = open_store(db, backup_keep=2).store
    out = sys.stdout
    attempt = store.start_attempt(
        "00001", "dx", "fault", lesson_version=1, pass_score=80, choice_orders=[[0, 1, 2, 3]] * 3000
    ).attempt_id
    out.write(f"att {attempt}\n")
    out.flush()
    question = 0
    while True:
        selected = (question % 4, (question * 7) % 4)
        store.record_answer(attempt, question, selected, question % 3 == 0)
        out.write(f"ans {attempt} {question} {','.join(map(str, sorted(set(selected))))}\n")
        out.flush()
        question += 1
        if question % 5 == 0:
            store.add_study_seconds("00001", "dx", "fault", 1)
            out.write("sec 1\n")
            out.flush()


if __name__ == "__main__":
    {"probe": _probe, "hold": _hold, "answers": _answers}[sys.argv[1]](sys.argv[2])

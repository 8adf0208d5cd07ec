"""``dxlearn certificate --learner ID -o FILE.pdf``: a learner's 修了証 as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import EXIT_OK, CliContext, add_store_options, quiet_logging, set_handler


def register(sub: Any) -> None:
    certificate = sub.add_parser(
        "certificate", help="修了証 (certificate of completion) as PDF",
        description="Write a learner's certificate of completion as PDF; exit 1 (with a "
        "message) when the curriculum is not complete.")
    certificate.add_argument("--learner", required=True, metavar="STAFF_ID")
    certificate.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    certificate.add_argument("--organisation", metavar="NAME",
                             help="issuer (default: policy organisation)")
    add_store_options(certificate)
    set_handler(certificate, run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from dxlearn.content.model import LibraryError
    from dxlearn.export.certificate_data import certificate_for
    from dxlearn.export.errors import ExportError
    from dxlearn.store.errors import StoreError

    from .stores import NoDatabase, opened_inputs

    quiet_logging()
    organisation = args.organisation
    if organisation is None:
        organisation = ctx.policy.organisation
    output = Path(args.output)
    try:
        with opened_inputs(ctx) as (store, library):
            data = certificate_for(store, library, args.learner, organisation=organisation)
        from dxlearn.gui.application import ensure_application
        from dxlearn.gui.certificate import write_certificate_pdf

        app = ensure_application(headless_ok=True)  # held until the PDF is written
        write_certificate_pdf(data, output)
        app.processEvents()
    except NoDatabase as error:
        return ctx.fail("certificate", ctx.text("cli.no_database", path=str(error)))
    except (ExportError, LibraryError) as error:
        return ctx.fail("certificate", str(error))
    except StoreError as error:
        return ctx.fail("certificate", error.message(ctx.lang))
    except OSError as error:
        return ctx.fail("certificate", ctx.text("cli.cannot_write", path=output,
                                                reason=error.strerror or str(error)))
    ctx.say("cli.certificate_written", path=output, number=data.number,
            staff_id=data.staff_id, name=data.name, date=data.completed_on_ja)
    return EXIT_OK

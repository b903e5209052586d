"""`manage.py import_cfn TEMPLATE [-o FILE]`: print the diagram document a CloudFormation
template describes (contract section 3).

What the template holds that the diagram cannot is listed on stderr, one `warning:` line
each, and the command succeeds. A SAM template's state machine definition in a file of its
own (`DefinitionUri: statemachine/flow.asl.json`) is read from beside the template, as
`sam build` reads it. Bad input (a missing or unreadable file, text that is not
YAML or JSON, or not a template) prints one line per problem on stderr and exits with
status 2.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from designer.cli import BadInput, read_text, report_bad_input, write_text

MAX_BESIDE_BYTES = 1_048_576


def beside(template: str):
    """Reads a file a template names by a relative path, from the template's folder: its
    text, or None when it is not there (or too big, or not text)."""
    folder = Path(template).resolve().parent

    def read(name: str) -> str | None:
        if Path(name).is_absolute():
            return None
        path = folder / name
        try:
            if not path.is_file() or path.stat().st_size > MAX_BESIDE_BYTES:
                return None
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    return read


class Command(BaseCommand):
    help = "Print the diagram document (JSON) that the CloudFormation TEMPLATE describes."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("template", metavar="TEMPLATE")
        parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")

    def handle(self, *args, **options) -> None:
        try:
            document, warnings = self.import_(options["template"])
            text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
            if options["output"]:
                write_text(options["output"], text)
        except BadInput as bad:
            report_bad_input(self.stderr, bad)
        for warning in warnings:
            where = f"{warning['path']}: " if warning["path"] else ""
            self.stderr.write(f"warning: {where}{warning['message']} ({warning['code']})")
        if not options["output"]:
            self.stdout.write(text, ending="")

    def import_(self, path: str) -> tuple[dict, list[dict]]:
        text = read_text(path, what="template file")

        from designer.cloudformation import TemplateError, import_template

        try:
            return import_template(text, read_file=beside(path))
        except TemplateError as error:
            raise BadInput(
                [
                    f"{path}: {p['path'] + ': ' if p['path'] else ''}{p['message']}"
                    for p in error.problems
                ]
            ) from None

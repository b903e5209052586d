"""`manage.py import_cfn TEMPLATE [-o FILE]`: print the diagram document a CloudFormation
template describes (contract section 3).

What the template holds that the diagram cannot is listed on stderr, one `warning:` line
each, and the command succeeds. Bad input (a missing or unreadable file, text that is not
YAML or JSON, or not a template) prints one line per problem on stderr and exits with
status 2.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from designer.cli import BadInput, read_text, report_bad_input, write_text


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
            return import_template(text)
        except TemplateError as error:
            raise BadInput(
                [
                    f"{path}: {p['path'] + ': ' if p['path'] else ''}{p['message']}"
                    for p in error.problems
                ]
            ) from None

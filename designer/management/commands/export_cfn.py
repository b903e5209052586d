"""`manage.py export_cfn DIAGRAM.json [--format yaml|json|sam] [-o FILE]`: print a diagram's
CloudFormation template (contract section 3).

Bad input (a missing or unreadable file, invalid JSON, an invalid diagram, an unwritable
output file) prints one line per problem on stderr and exits with status 2.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from designer.cli import BadInput, read_document, report_bad_input, write_text


class Command(BaseCommand):
    help = (
        "Print the CloudFormation template of DIAGRAM.json (YAML unless --format json; "
        "--format sam for a SAM template)."
    )
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("diagram", metavar="DIAGRAM.json")
        from designer.cloudformation.export import FORMATS

        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="yaml",
            help="the template's format: YAML, JSON, or SAM (the same stack as a SAM template)",
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")

    def handle(self, *args, **options) -> None:
        try:
            text = self.export(options["diagram"], fmt=options["format"])
            if options["output"]:
                write_text(options["output"], text)
        except BadInput as bad:
            report_bad_input(self.stderr, bad)
        if not options["output"]:
            self.stdout.write(text, ending="")

    def export(self, path: str, *, fmt: str) -> str:
        document = read_document(path)

        from designer.cloudformation import export_template
        from engine import DiagramError

        try:
            return export_template(document, fmt=fmt)
        except DiagramError as error:
            raise BadInput([str(problem) for problem in error.problems] or [str(error)]) from None

"""`python -m tests.designer.measure_import [--lint]`: what import makes of the corpus of
real templates (`tests/designer/cfn_corpus/`): per template, the wiring it holds and how
much of it the imported diagram has, whether a 60 s run of the diagram carries messages,
and (with `--lint`) whether the diagram's export passes cfn-lint and its SAM export passes
cfn-lint and imports back as the same diagram; then the totals the README reports."""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")
    import django

    django.setup()
    from designer.cloudformation import export_template
    from tests.designer.cfn_support import lint_findings
    from tests.designer.corpus import measure, templates

    lint = "--lint" in argv
    outcomes, clean, sam_clean = [], 0, 0
    for path in templates():
        outcome = measure(path)
        outcomes.append(outcome)
        lint_note = ""
        if lint and outcome.imported:
            errors, _ = lint_findings(export_template(outcome.document))
            clean += not errors
            lint_note = " lint ok" if not errors else f" lint {len(errors)} errors"
            sam_ok = _sam_round_trip(outcome.document)
            sam_clean += sam_ok
            lint_note += " sam ok" if sam_ok else " sam FAILED"
        state = "ok " if outcome.imported else "ERR"
        print(
            f"{state} {outcome.name:52} wiring {outcome.recalled:2}/{len(outcome.wires):2}"
            f" external {outcome.external:2} runs {'yes' if outcome.carries else 'no '}"
            f"{lint_note}"
        )
        for wire in outcome.missed:
            print(f"      missed {wire.kind} {wire.a} -> {wire.b} ({wire.where})")
        if outcome.error:
            print(f"      {outcome.error}")
    imported = [o for o in outcomes if o.imported]
    wires = sum(len(o.wires) for o in imported)
    got = sum(o.recalled for o in imported)
    print()
    print(f"templates imported: {len(imported)} of {len(outcomes)}")
    print(f"wiring recalled: {got} of {wires} ({100 * got / max(wires, 1):.1f}%)")
    print(f"wiring to outside the templates (not counted): {sum(o.external for o in imported)}")
    print(f"diagrams carrying messages in a 60 s run: {sum(o.carries for o in imported)}")
    if lint:
        print(f"exports passing cfn-lint: {clean} of {len(imported)}")
        print(
            f"SAM exports passing cfn-lint and importing back the same: {sam_clean} of "
            f"{len(imported)}"
        )
    return 0


def _sam_round_trip(document: dict) -> bool:
    from designer.cloudformation import export_template, import_template
    from tests.designer.cfn_support import canonical, lint_findings

    text = export_template(document, fmt="sam")
    errors, _ = lint_findings(text)
    back, warnings = import_template(text)
    return not errors and not warnings and canonical(back) == canonical(document)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

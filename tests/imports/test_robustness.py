"""Whatever a file holds, an import answers with counts or French errors, never an exception."""

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billetterie.imports.contracts import CONTRACTS
from billetterie.imports.services import IMPORTERS

CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "oui",
            "non",
            "JO",
            "JP",
            "02/08/2024",
            "2024-08-02",
            "45506",
            "10:30",
            "1000",
            "611223344",
            '=HYPERLINK("x";"y")',
            "Paris",
            "12,0",
            "-1",
            "1e400",
            "nan",
            "",
        ]
    ),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(sorted(CONTRACTS)),
    rows=st.lists(st.lists(CELL, min_size=0, max_size=11), max_size=6),
    delimiter=st.sampled_from([";", ","]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_random_rows_never_raise(campaign, kind, rows, delimiter, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([column.header for column in CONTRACTS[kind].columns])
    writer.writerows(rows)
    content = buffer.getvalue().encode(encoding, errors="replace")
    result = IMPORTERS[kind](
        campaign=campaign, file=_Upload("f.csv", content), actor=None, dry_run=True
    )
    assert result.ok or all(isinstance(error, str) and error for error in result.errors)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=2000), name=st.sampled_from(["f.csv", "f.xlsx"]))
def test_random_bytes_never_raise(campaign, content, name):
    result = IMPORTERS["packs"](
        campaign=campaign, file=_Upload(name, content), actor=None, dry_run=False
    )
    assert not result.ok


class _Upload(io.BytesIO):
    def __init__(self, name, content):
        super().__init__(content)
        self.name = name

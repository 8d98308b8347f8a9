"""Malformed instances are refused with a message naming the path, exit status 2, nothing written."""

import copy
import json

import pytest
from allocation_strategies import GOOD

from billetterie.allocation.__main__ import main
from billetterie.allocation.engine import InstanceError, validate_instance


def _mutate(path, value):
    data = copy.deepcopy(GOOD)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


BAD = [
    (["format"], "billetterie.allocation/2", "format"),
    (["rules"], [], "rules"),
    (["rules", "size_weight_exponent"], 1.5, "rules.size_weight_exponent"),
    (["rules", "size_weight_exponent"], "0.5", "rules.size_weight_exponent"),
    (["rules", "over_request_tolerance"], -1, "rules.over_request_tolerance"),
    (["rules", "over_request_tolerance"], 0.5, "rules.over_request_tolerance"),
    (["organisations"], {}, "organisations"),
    (["organisations", 0], "A1", "organisations[0]"),
    (["organisations", 0, "id"], KeyError, "organisations[0].id"),
    (["organisations", 0, "id"], 7, "organisations[0].id"),
    (["organisations", 0, "tier"], 0, "organisations[0].tier"),
    (["organisations", 0, "tier"], True, "organisations[0].tier"),
    (["organisations", 0, "requested"], [10], "organisations[0].requested"),
    (["organisations", 0, "requested", "OG"], -3, "organisations[0].requested.OG"),
    (["organisations", 0, "requested", "OG"], 2.5, "organisations[0].requested.OG"),
    (["organisations", 0, "cities"], ["Paris"], "organisations[0].cities"),
    (["organisations", 0, "cities", "Paris"], 1.2, "organisations[0].cities.Paris"),
    (["organisations", 0, "cities", "Paris"], None, "organisations[0].cities.Paris"),
    (["organisations", 0, "unavailable_dates"], "2024-07-28", "organisations[0].unavailable_dates"),
    (
        ["organisations", 0, "unavailable_dates", 0],
        "28/07/2024",
        "organisations[0].unavailable_dates[0]",
    ),
    (["packs"], None, "packs"),
    (["packs", 0], 3, "packs[0]"),
    (["packs", 0, "size"], 0, "packs[0].size"),
    (["packs", 0, "size"], "4", "packs[0].size"),
    (["packs", 0, "size"], True, "packs[0].size"),
    (["packs", 0, "size"], KeyError, "packs[0].size"),
    (["packs", 0, "games"], "", "packs[0].games"),
    (["packs", 0, "city"], KeyError, "packs[0].city"),
    (["packs", 0, "date"], "2024-02-30", "packs[0].date"),
    (["packs", 0, "date"], KeyError, "packs[0].date"),
    (["packs", 0, "id"], None, "packs[0].id"),
]


@pytest.mark.parametrize(("path", "value", "where"), BAD)
def test_malformed_instance_is_refused_with_its_path(tmp_path, capsys, path, value, where):
    data = _mutate(path, value)
    with pytest.raises(InstanceError) as caught:
        validate_instance(data)
    assert str(caught.value).startswith(f"{where}:")
    source = tmp_path / "instance.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "result.json"
    assert main(["solve", str(source), "--out", str(out)]) == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [source]
    assert where in capsys.readouterr().err


def test_duplicate_identifiers_are_refused(tmp_path):
    data = copy.deepcopy(GOOD)
    data["packs"].append(dict(data["packs"][0]))
    with pytest.raises(InstanceError, match=r"^packs\[1\]\.id: identifiant en double"):
        validate_instance(data)
    data = copy.deepcopy(GOOD)
    data["organisations"].append(dict(data["organisations"][0]))
    with pytest.raises(InstanceError, match=r"^organisations\[1\]\.id"):
        validate_instance(data)


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe\x00", b""])
def test_unreadable_files_are_refused(tmp_path, content):
    source = tmp_path / "instance.json"
    source.write_bytes(content)
    out = tmp_path / "result.json"
    assert main(["solve", str(source), "--out", str(out)]) == 2
    assert main(["compare", str(source)]) == 2
    assert not out.exists()


def test_missing_file_is_refused(tmp_path):
    out = tmp_path / "result.json"
    assert main(["solve", str(tmp_path / "absent.json"), "--out", str(out)]) == 2
    assert not out.exists()


def test_defaults_and_extra_fields():
    data = copy.deepcopy(GOOD)
    del data["rules"]
    del data["organisations"][0]["tier"]
    del data["organisations"][0]["unavailable_dates"]
    data["organisations"][0]["departement"] = "59"
    data["extra"] = {"kept": True}
    inst = validate_instance(data)
    assert inst.alpha == 0 and inst.tolerance == 0
    assert inst.organisations[0].tier == 1
    assert inst.organisations[0].unavailable_dates == frozenset()

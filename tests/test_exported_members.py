"""The public surface is exactly __all__, and every name in it exists."""

import warlog


def test_all_names_exist() -> None:
    for name in warlog.__all__:
        assert hasattr(warlog, name), name


def test_no_private_names_exported() -> None:
    assert not [n for n in warlog.__all__ if n.startswith("_") and n != "__version__"]

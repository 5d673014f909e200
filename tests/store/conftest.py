"""A Virtuoso server for the store tests that need a real SPARQL endpoint (started once)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.store.virtuoso_local import LocalVirtuoso, local_virtuoso, virtuoso_available

NO_VIRTUOSO = ("virtuoso-t is not installed (apt-get install virtuoso-opensource-7; "
               ".ci/run does this as root)")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalVirtuoso]:
    if not virtuoso_available():
        pytest.skip(NO_VIRTUOSO)
    with local_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


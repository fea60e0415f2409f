"""The contract of a schema document: everything but where it was read from."""

from __future__ import annotations

from generator.schema.document import SchemaDocument, Source, contract_of


def test_the_contract_is_the_document_less_its_source() -> None:
    document = SchemaDocument(
        model_id="owner/model",
        endpoint="https://model-api.runcomfy.net/v1/models/owner/model",
        input_schema={"type": "object", "properties": {}},
        output_schema={"type": "object", "properties": {}},
        output_schema_origin="published",
        source=Source("page", ("pages/a.txt",)),
    )
    data = document.to_json()
    assert contract_of(data) == document.contract()
    assert "source" not in contract_of(data)
    assert list(contract_of(data)) == [key for key in data if key != "source"]
    assert contract_of({"model_id": "a/b"}) == {"model_id": "a/b"}

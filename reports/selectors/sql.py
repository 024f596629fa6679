"""Names in the reports' hand-written SQL come from the models, never typed in: a table or a
column renamed in its app cannot leave a report query behind. Values (dates, codes, the time
zone) never go into the text either; they go through the driver's parameters."""

from django.db import connection


def table_name(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column_name(model, field: str) -> str:
    """The column of a field, by the field's name: a foreign key `gemeente` is `gemeente_id`."""
    return connection.ops.quote_name(model._meta.get_field(field).column)


class Table:
    """A model's table under an alias, for `sql()`: `{p}` is the table with its alias
    (`"statushouders_persoon" p`), `{p.koppeling_datum}` one of its columns
    (`p."koppeling_datum"`), and `{p.gemeente}` a foreign key's column (`p."gemeente_id"`)."""

    def __init__(self, model, alias: str):
        self._model = model
        self._alias = alias

    def __str__(self) -> str:
        return f"{table_name(self._model)} {self._alias}"

    def __getattr__(self, field: str) -> str:
        if field.startswith("_"):
            raise AttributeError(field)
        return f"{self._alias}.{column_name(self._model, field)}"


def sql(template: str, **names) -> str:
    """The query with its `{...}` names filled in: `Table`s, or fragments already made."""
    return template.format(**names)


def rijen(query: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()

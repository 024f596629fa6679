"""What every spreadsheet Koers hands out (CSV or XLSX) does with text a person typed: a cell
that starts like a formula is written as text, with an apostrophe, never evaluated (CSV/formula
injection)."""

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde) -> str:
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(FORMULETEKENS) else tekst

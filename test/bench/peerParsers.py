# Test oracle for `npm run bench fidelity`: parses each statement with
# sqlfluff's and sqlglot's Databricks dialects and reports, per statement,
# whether it parsed and how long it took. Reads a JSON list of statements on
# stdin, writes a JSON object on stdout. Installed and run by
# test/bench/fidelity.bench.ts inside the ignored .bench-venv/.
import json
import logging
import sys
import time

import sqlfluff
import sqlglot
from sqlglot import exp

logging.disable(logging.CRITICAL)  # sqlglot warns on every fallback to a raw Command


def sqlfluff_parses(sql):
    try:
        sqlfluff.parse(sql, dialect="databricks")
        return True
    except Exception:  # APIParsingError (unparsable section) or a dialect error
        return False


def sqlglot_parses(sql):
    try:
        trees = sqlglot.parse(sql, read="databricks", error_level=sqlglot.ErrorLevel.RAISE)
    except Exception:
        return False
    # A statement sqlglot does not understand becomes a raw-text Command: not parsed.
    return all(t is not None and not isinstance(t, exp.Command) for t in trees) and len(trees) > 0


def measure(fn, sql):
    t0 = time.perf_counter()
    ok = fn(sql)
    return ok, (time.perf_counter() - t0) * 1000.0


def main():
    statements = json.load(sys.stdin)
    out = {"sqlfluff": [], "sqlglot": [], "versions": {"sqlfluff": sqlfluff.__version__, "sqlglot": sqlglot.__version__}}
    # One untimed warm-up each: imports and dialect tables load lazily.
    sqlfluff_parses("SELECT 1")
    sqlglot_parses("SELECT 1")
    for sql in statements:
        for name, fn in (("sqlfluff", sqlfluff_parses), ("sqlglot", sqlglot_parses)):
            ok, ms = measure(fn, sql)
            out[name].append({"ok": ok, "ms": ms})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

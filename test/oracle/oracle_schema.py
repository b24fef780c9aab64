# The schema a read_files source has in Databricks, approximated in open-source
# Spark: the reader's inferred columns, with the schema hints' types replacing
# (or adding) the columns they name; a full `schema` option is used as written.


def split_top_level(ddl):
    parts, depth, start = [], 0, 0
    for i, c in enumerate(ddl):
        if c in "<(":
            depth += 1
        elif c in ">)":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(ddl[start:i].strip())
            start = i + 1
    if ddl[start:].strip():
        parts.append(ddl[start:].strip())
    return parts


def source_schema(spark, src):
    if src.get("schema"):
        return src["schema"]
    inferred = spark.read.format(src["format"]).options(**src.get("options", {})).load(src["path"]).schema
    hints = split_top_level(src.get("hints") or "")
    hinted = {h.split()[0].strip("`").lower(): h for h in hints}
    fields = [f"`{f.name}` {f.dataType.simpleString()}" for f in inferred.fields if f.name.lower() not in hinted]
    return ", ".join(fields + hints)

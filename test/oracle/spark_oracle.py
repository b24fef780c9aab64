# The Spark side of the oracle, in ONE Spark session (one JVM): runs each
# Spark declarative pipeline of the job (as `spark-pipelines run` does, without
# stopping the session), then compares every dataset with the local engine's
# table exported to parquet:
#   mode "sdp":   the SDP table against the engine's table;
#   mode "query": the dataset's own query in Spark SQL over the ENGINE's
#                 upstream tables, so a difference belongs to that dataset.
# Launched by test/oracle/run.ts through spark-class
# org.apache.spark.deploy.SparkPipelines (the launcher of spark-pipelines).
# Writes the results as JSON; the TypeScript side judges and prints them.
#
# Normalisation before rows are compared (each also in docs/oracle.md):
#   - columns computed from the clock (current_timestamp() ...) are left out;
#   - file paths: Spark's _metadata.file_path is a file: URI, the engine's a path;
#   - DOUBLE: 9 significant digits (sums, averages, deviations add in another order),
#     and rows that differ only in DOUBLE columns by at most one unit of the
#     ninth digit are paired (a value at a tie of that text rounds either way);
#   - DECIMAL: compared as DECIMAL(38,18) text (the type is compared separately);
#   - timestamps are compared as text in the pipeline's session time zone (each
#     request runs with its pipeline's session settings; an instant and a wall
#     time never compare equal, their types differ).
import json
import math
import sys
import time
from pathlib import Path

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

job = json.loads(Path(sys.argv[1]).read_text())
results = {"pipelines": [], "compare": [], "expectations": [], "timings": {}}
started = time.time()


progress = Path(sys.argv[2] + ".progress")


def mark(phase):
    results["timings"][phase] = round(time.time() - started, 1)
    with progress.open("a") as f:
        f.write(f"{results['timings'][phase]:8.1f}s {phase}\n")


def spark_session():
    builder = SparkSession.builder.config("spark.sql.connect.serverStacktrace.enabled", "false")
    for k, v in job.get("conf", {}).items():
        builder = builder.config(k, v)
    return builder.getOrCreate()


spark = spark_session()
mark("session")


def run_pipeline(p):
    from pyspark.pipelines.cli import load_pipeline_spec, register_definitions
    from pyspark.pipelines.spark_connect_graph_element_registry import SparkConnectGraphElementRegistry
    from pyspark.pipelines.spark_connect_pipeline import create_dataflow_graph, handle_pipeline_events, start_run

    spec_path = Path(p["spec"])
    sys.path.insert(0, str(spec_path.parent))
    spec = load_pipeline_spec(spec_path)
    if spec.database:
        spark.sql(f"CREATE DATABASE IF NOT EXISTS {spec.database}")
    for k, v in spec.configuration.items():
        spark.conf.set(k, v)
    graph = create_dataflow_graph(spark, default_catalog=spec.catalog, default_database=spec.database, sql_conf=spec.configuration)
    registry = SparkConnectGraphElementRegistry(spark, graph)
    register_definitions(spec_path, registry, spec, spark, graph)
    events = start_run(spark, graph, full_refresh=[], full_refresh_all=True, refresh=[], dry=False, storage=spec.storage)
    handle_pipeline_events(events)


for p in job.get("pipelines", []):
    try:
        run_pipeline(p)
        results["pipelines"].append({"name": p["name"], "ok": True})
        mark(f"pipeline {p['name']}")
    except Exception as e:  # reported, judged by the TypeScript side
        results["pipelines"].append({"name": p["name"], "ok": False, "error": str(e).split("\n")[0][:2000]})

for k, v in job.get("conf", {}).items():
    spark.conf.set(k, v)


def normalised(df, volatile):
    cols = []
    for f in df.schema.fields:
        if f.name.lower() in volatile:
            continue
        c = F.col(f"`{f.name}`")
        t = f.dataType.simpleString()
        if t in ("double", "float"):
            c = F.format_string("%.9g", c.cast("double"))
        elif t.startswith("decimal"):
            # Plain text at scale 18 (a zero would otherwise print as 0E-18).
            c = F.format_number(c.cast("decimal(38,18)"), 18)
        elif t == "string":
            c = F.regexp_replace(c, "^file:(//)?", "")
        elif t.startswith(("struct", "array", "map")):
            c = F.to_json(c)
        elif t.startswith("timestamp"):
            c = c.cast("timestamp").cast("string")
        else:
            c = c.cast("string")
        cols.append(c.alias(f.name.lower()))
    return df.select(*cols)


def read_engine(path):
    # The engine's TIMESTAMPTZ is written as an instant (Spark's timestamp), its TIMESTAMP as a wall time (timestamp_ntz).
    return spark.read.parquet(path)


def prepare(c):
    """The normalised rows of both sides as one JSON text column, tagged with the request."""
    out = {"dataset": c["dataset"], "mode": c["mode"], "group": c.get("group", "")}
    spark_df = spark.read.table(c["table"]) if c["mode"] == "sdp" else spark.sql(c["query"])
    engine_df = read_engine(c["engine"])
    out["sparkTypes"] = {f.name.lower(): f.dataType.simpleString() for f in spark_df.schema.fields}
    out["doubleColumns"] = [n for n, t in out["sparkTypes"].items() if t in ("double", "float")]
    volatile = set(c.get("volatile", []))
    a = normalised(spark_df, volatile)
    b = normalised(engine_df, volatile)
    out["missingColumns"] = [x for x in a.columns if x not in b.columns]
    out["extraColumns"] = [x for x in b.columns if x not in a.columns]
    shared = [x for x in a.columns if x in b.columns]
    row = lambda df, side: df.select(F.lit(c["index"]).alias("__i"), F.to_json(F.struct(*[F.col(f"`{x}`") for x in shared]), {"ignoreNullFields": "false"}).alias("__row"), F.lit(side).alias("__side"))
    return out, row(a, 1).unionByName(row(b, -1))


def judge(tagged, outs):
    """One job for many requests: row counts per side and rows on one side only."""
    grouped = tagged.groupBy("__i", "__row").agg(
        F.sum(F.when(F.col("__side") == 1, 1).otherwise(0)).alias("__spark"),
        F.sum(F.when(F.col("__side") == -1, 1).otherwise(0)).alias("__engine"),
    )
    totals = grouped.groupBy("__i").agg(
        F.sum("__spark").alias("spark"),
        F.sum("__engine").alias("engine"),
        F.sum(F.greatest(F.col("__spark") - F.col("__engine"), F.lit(0))).alias("only_spark"),
        F.sum(F.greatest(F.col("__engine") - F.col("__spark"), F.lit(0))).alias("only_engine"),
    ).collect()
    for t in totals:
        o = outs[t["__i"]]
        o["sparkRows"], o["engineRows"] = int(t["spark"] or 0), int(t["engine"] or 0)
        o["onlySpark"], o["onlyEngine"] = int(t["only_spark"] or 0), int(t["only_engine"] or 0)
    for o in outs.values():
        o.setdefault("sparkRows", 0), o.setdefault("engineRows", 0), o.setdefault("onlySpark", 0), o.setdefault("onlyEngine", 0)
    differing = [i for i, o in outs.items() if o["onlySpark"] or o["onlyEngine"]]
    if differing:
        rows = grouped.where((F.col("__spark") != F.col("__engine")) & F.col("__i").isin(differing)).limit(2000 * len(differing)).collect()
        sides = {}
        for r in rows:
            d = int(r["__spark"]) - int(r["__engine"])
            sides.setdefault(r["__i"], ([], []))[0 if d > 0 else 1].extend([json.loads(r["__row"])] * abs(d))
        for i, (only_spark, only_engine) in sides.items():
            o = outs[i]
            left_spark, left_engine, paired = pair_within_tolerance(only_spark, only_engine, o.get("doubleColumns", []))
            o["onlySpark"] -= paired
            o["onlyEngine"] -= paired
            o["withinTolerance"] = paired
            o["sampleSpark"], o["sampleEngine"] = left_spark[:3], left_engine[:3]


def near(a, b):
    """Two DOUBLE texts at 9 significant digits that differ by at most one unit of the ninth digit."""
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if math.isnan(x) or math.isnan(y) or math.isinf(x) or math.isinf(y):
        return False
    scale = max(abs(x), abs(y))
    return scale > 0 and abs(x - y) <= 1.000001 * 10 ** (math.floor(math.log10(scale)) - 8)


def pair_within_tolerance(only_spark, only_engine, doubles):
    """Pairs rows equal but for DOUBLE columns within `near`; returns what is left on each side and the pairs."""
    if not doubles:
        return only_spark, only_engine, 0
    left_engine = list(only_engine)
    left_spark, paired = [], 0
    for a in only_spark:
        match = next(
            (j for j, b in enumerate(left_engine) if all(near(a.get(k), b.get(k)) if k in doubles else a.get(k) == b.get(k) for k in set(a) | set(b))),
            None,
        )
        if match is None:
            left_spark.append(a)
        else:
            left_engine.pop(match)
            paired += 1
    return left_spark, left_engine, paired


def with_conf(conf):
    for k, v in (conf or job.get("conf", {})).items():
        spark.conf.set(k, v)


def compare_all(requests):
    """Requests grouped by their session settings (time zone, ANSI), each group run with its own."""
    outs = {}
    by_conf = {}
    for i, c in enumerate(requests):
        by_conf.setdefault(json.dumps(c.get("conf", {}), sort_keys=True), []).append(i)
    for key, indexes in by_conf.items():
        with_conf(json.loads(key))
        outs.update(compare_group([(i, requests[i]) for i in indexes]))
    with_conf(None)
    return [outs[i] for i in range(len(requests))]


def compare_group(indexed):
    outs, frames = {}, []
    for i, c in indexed:
        c = {**c, "index": i}
        try:
            out, frame = prepare(c)
            outs[i] = out
            frames.append((i, frame))
        except Exception as e:
            outs[i] = {"dataset": c["dataset"], "mode": c["mode"], "group": c.get("group", ""), "error": str(e).split("\n")[0][:2000]}
    # Chunks keep the union plan shallow for Spark Connect's message nesting limit.
    for start in range(0, len(frames), 40):
        chunk = frames[start : start + 40]
        try:
            tagged = chunk[0][1]
            for _, f in chunk[1:]:
                tagged = tagged.unionByName(f)
            judge(tagged, {i: outs[i] for i, _ in chunk})
        except Exception:
            # A query that fails only when it runs (an ANSI error, raise_error) fails the chunk: judge one by one.
            for i, f in chunk:
                try:
                    judge(f, {i: outs[i]})
                except Exception as e:
                    outs[i]["error"] = str(e).split("\n")[0][:2000]
    return outs


# Mode "query" reads the engine's tables under the dataset names.
for v in job.get("views", []):
    read_engine(v["parquet"]).cache().createOrReplaceTempView(v["name"])
for v in job.get("batchSources", []):
    from oracle_schema import source_schema

    spark.read.format(v["format"]).options(**v.get("options", {})).option("timeZone", v.get("timeZone", "UTC")).schema(source_schema(spark, v)).load(v["path"]).select("*", "_metadata").cache().createOrReplaceTempView(v["name"])

mark("views")
results["compare"] = compare_all(job.get("compare", []))
mark("compare")

# Expectation counts: rows of the dataset's query (before filtering) failing each expectation.
for e in job.get("expectations", []):
    try:
        with_conf(e.get("conf"))
        n = spark.sql(f"SELECT count_if(NOT coalesce(({e['sql']}), false)) AS n FROM ({e['query']}) AS q").collect()[0]["n"]
        results["expectations"].append({**e, "sparkFailed": int(n)})
    except Exception as ex:
        results["expectations"].append({**e, "error": str(ex).split("\n")[0][:1000]})

mark("expectations")
Path(sys.argv[2]).write_text(json.dumps(results, default=str))
spark.stop()

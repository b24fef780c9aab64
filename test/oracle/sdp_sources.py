# Stand-in for read_files in an Apache Spark declarative pipeline (SDP 4.3 has
# no read_files): one temporary view per file source the oracle's rewrite found,
# listed in the project's sources.json. Each is spark.readStream over the
# landing folder with the inferred schema, the source's schema hints applied
# over it, and Spark's hidden _metadata column kept.
import json
import os

from pyspark import pipelines as dp
from pyspark.sql import SparkSession

from oracle_schema import source_schema

spark = SparkSession.active()

# sources.json sits in the project folder, outside the libraries glob (SDP loads only .py and .sql there).
with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sources.json")) as f:
    SOURCES = json.load(f)


def define(src):
    schema = source_schema(spark, src)

    @dp.temporary_view(name=src["name"])
    def view():
        return spark.readStream.format(src["format"]).options(**src.get("options", {})).schema(schema).load(src["path"]).select("*", "_metadata")


for s in SOURCES:
    define(s)

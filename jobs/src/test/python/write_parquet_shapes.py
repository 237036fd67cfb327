"""Writes the Parquet shapes of historical event tables that the analysis job reads, with pyarrow itself.

The files land in jobs/src/test/resources/io/abtest/jobs/analysis/source/shapes/ and are committed; the Java tests
(ParquetShapesTest, ParquetShapesITCase) read them. Written with pyarrow 25.0.1 and pandas 3.0.6 (numpy 2.4.6):

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pyarrow==25.0.1 pandas==3.0.6
    /tmp/venv/bin/python jobs/src/test/python/write_parquet_shapes.py

traffic/    the same events (a seeded random day of one experiment, some of them invalid) in every shape, one folder
            per shape with predictions/ and outcomes/ inside: jsonl (the JSON a Kafka producer sends), map (Spark's
            MapType shape: map<string,string> and map<string,double>, no dictionary encoding), struct
            (pa.Table.from_pylist of the Python dicts), json_string (the dicts as JSON text), pandas (DataFrame.to_parquet:
            datetime64 event_time, categorical strings, other column order, an extra column, the index stored) and
            timestamps (pyarrow tables with TIMESTAMP(MICROS, UTC) and int96 event times, several row groups).
cases/      small files of edge rows, each NAME.parquet with NAME.jsonl holding the same events as JSON lines.
unreadable/ files whose schema no event column is read from.
"""

import decimal
import json
import pathlib
import random
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = pathlib.Path(__file__).resolve().parents[1] / "resources/io/abtest/jobs/analysis/source/shapes"
T0 = 1_764_000_000_000  # 2025-11-24T16:00:00Z

PREDICTION_COLUMNS = ["event_id", "experiment_id", "variant", "unit_id", "request_id", "event_time", "model_version",
                      "latency_ms", "status", "score", "predicted_label", "served", "attributes"]
OUTCOME_COLUMNS = ["event_id", "request_id", "unit_id", "event_time", "experiment_id", "label", "values"]


def traffic(seed=20261130, units=400):
    """Predictions and outcomes as Python dicts, keys as CONTRACT.md section 1 names them; absent fields are None."""
    rng = random.Random(seed)
    predictions, outcomes = [], []
    for u in range(units):
        variant = "challenger" if rng.random() < 0.5 else "champion"
        attributes = {"country": rng.choice(["US", "DE", "BR"])}
        if rng.random() < 0.6:
            attributes["device"] = rng.choice(["ios", "android", "web"])
        if rng.random() < 0.1:
            attributes["tier"] = ""
        for r in range(rng.randint(1, 4)):
            n = len(predictions)
            event_time = T0 + rng.randrange(0, 2 * 3_600_000)
            served = rng.random() >= 0.15
            prediction = {
                "event_id": f"p-{n}", "experiment_id": "shapes", "variant": variant, "unit_id": f"u-{u}",
                "request_id": f"r-{n}", "event_time": event_time,
                "model_version": "ranker-2.0" if variant == "challenger" else "ranker-1.4",
                "latency_ms": round(rng.lognormvariate(3.0, 0.4), 3),
                "status": rng.choices(["ok", "error", "timeout"], [0.94, 0.04, 0.02])[0],
                "score": round(rng.random(), 6) if rng.random() < 0.9 else None,
                "predicted_label": rng.choice(["click", "skip"]) if rng.random() < 0.5 else None,
                "served": served if rng.random() < 0.7 else (None if served else False),
                "attributes": dict(attributes) if rng.random() < 0.95 else None,
            }
            predictions.append(prediction)
            if prediction["served"] is not False and rng.random() < 0.6:
                converted = 1 if rng.random() < (0.45 if variant == "challenger" else 0.35) else 0
                values = {"converted": converted}
                if converted:
                    values["revenue"] = round(rng.uniform(5, 40), 2)
                outcomes.append({
                    "event_id": f"o-{len(outcomes)}", "request_id": prediction["request_id"], "unit_id": f"u-{u}",
                    "event_time": event_time + rng.randrange(1_000, 1_800_000),
                    "experiment_id": "shapes" if rng.random() < 0.8 else None,
                    "label": rng.choice(["click", "skip"]) if rng.random() < 0.5 else None,
                    "values": values if rng.random() < 0.97 else None,
                })
    # invalid events, dead-lettered with the same reason in every shape
    bad = dict(predictions[0], event_id="p-bad-latency", latency_ms=-1.0)
    unknown = dict(predictions[1], event_id="p-bad-variant", variant="nobody")
    missing = dict(predictions[2], event_id="p-bad-unit", unit_id=None)
    status = dict(predictions[3], event_id="p-bad-status", status="OK")
    blank = dict(predictions[4], event_id="p-bad-blank", request_id=" ")
    predictions += [bad, unknown, missing, status, blank, dict(predictions[5])]  # the last one a duplicate
    outcomes += [dict(outcomes[0], event_id="o-bad-experiment", experiment_id="nope"),
                 dict(outcomes[1], event_id="o-unmatched", request_id="r-none"),
                 dict(outcomes[2], event_id="o-bad-time", event_time=None)]
    return predictions, outcomes


def json_line(event):
    return json.dumps({k: v for k, v in event.items() if v is not None}, separators=(",", ":"))


def write_jsonl(path, events):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json_line(e) + "\n" for e in events))


def contract_schema(kind, attributes=pa.map_(pa.string(), pa.string()), values=pa.map_(pa.string(), pa.float64()),
                    event_time=pa.int64()):
    string, double = pa.string(), pa.float64()
    if kind == "prediction":
        return pa.schema([("event_id", string), ("experiment_id", string), ("variant", string), ("unit_id", string),
                          ("request_id", string), ("event_time", event_time), ("model_version", string),
                          ("latency_ms", double), ("status", string), ("score", double),
                          ("predicted_label", string), ("served", pa.bool_()), ("attributes", attributes)])
    return pa.schema([("event_id", string), ("request_id", string), ("unit_id", string), ("event_time", event_time),
                      ("experiment_id", string), ("label", string), ("values", values)])


def as_map(events, column):
    """Rows for a map column: a dict becomes a list of (key, value) pairs, the form pyarrow takes for maps."""
    return [dict(e, **{column: None if e[column] is None else list(e[column].items())}) for e in events]


def as_json_text(events, column):
    """Rows with a dict column as JSON text: None stays null, an empty dict is written as ""."""
    def text(value):
        if value is None:
            return None
        return json.dumps(value, separators=(",", ":")) if value else ""
    return [dict(e, **{column: text(e[column])}) for e in events]


def write_table(path, table, **options):
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, **options)


def scaled(millis, per_milli):
    return None if millis is None else millis * per_milli


def write_traffic(root):
    predictions, outcomes = traffic()
    write_jsonl(root / "jsonl/predictions/events.jsonl", predictions)
    write_jsonl(root / "jsonl/outcomes/events.jsonl", outcomes)

    half = len(predictions) // 2
    for part, rows in (("part-0", predictions[:half]), ("part-1", predictions[half:])):
        write_table(root / f"map/predictions/{part}.parquet",
                    pa.Table.from_pylist(as_map(rows, "attributes"), schema=contract_schema("prediction")),
                    use_dictionary=False)
    write_table(root / "map/outcomes/part-0.parquet",
                pa.Table.from_pylist(as_map(outcomes, "values"), schema=contract_schema("outcome")),
                use_dictionary=False)

    write_table(root / "struct/predictions/part-0.parquet", pa.Table.from_pylist(predictions))
    write_table(root / "struct/outcomes/part-0.parquet", pa.Table.from_pylist(outcomes))

    write_table(root / "json_string/predictions/part-0.parquet",
                pa.Table.from_pylist(as_json_text(predictions, "attributes")))
    write_table(root / "json_string/outcomes/part-0.parquet", pa.Table.from_pylist(as_json_text(outcomes, "values")))

    frame = pd.DataFrame(predictions)
    frame["event_time"] = pd.to_datetime(frame["event_time"], unit="ms")  # datetime64[ms], tz-naive
    for column in ("experiment_id", "variant", "status", "model_version"):
        frame[column] = frame[column].astype("category")  # pyarrow dictionary type
    frame["ingested_by"] = "pandas"
    frame = frame[list(reversed(frame.columns))].set_index("event_id", drop=False)
    frame.index.name = "row"
    (root / "pandas/predictions").mkdir(parents=True, exist_ok=True)
    frame.to_parquet(root / "pandas/predictions/part-0.parquet")
    frame = pd.DataFrame(outcomes)
    frame["event_time"] = pd.to_datetime(frame["event_time"], unit="ms", utc=True).astype("datetime64[ns, UTC]")
    (root / "pandas/outcomes").mkdir(parents=True, exist_ok=True)
    frame.to_parquet(root / "pandas/outcomes/part-0.parquet")

    micros = pa.Table.from_pylist(
        [dict(e, event_time=scaled(e["event_time"], 1000)) for e in predictions],
        schema=contract_schema("prediction", attributes=pa.struct([("country", pa.string()), ("device", pa.string()),
                                                                   ("tier", pa.string())]),
                               event_time=pa.timestamp("us", tz="UTC")))
    write_table(root / "timestamps/predictions/part-0.parquet", micros, row_group_size=200)
    int96 = pa.Table.from_pylist(
        [dict(e, event_time=scaled(e["event_time"], 1_000_000)) for e in outcomes],
        schema=contract_schema("outcome", values=pa.struct([("converted", pa.int64()), ("revenue", pa.float64())]),
                               event_time=pa.timestamp("ns")))
    write_table(root / "timestamps/outcomes/part-0.parquet", int96, use_deprecated_int96_timestamps=True,
                row_group_size=100)


def prediction(event_id, **fields):
    event = {"event_id": event_id, "experiment_id": "exp-1", "variant": "treatment", "unit_id": "u-1",
             "request_id": "r-" + event_id, "event_time": T0, "latency_ms": 12.5, "status": "ok"}
    event.update(fields)
    return event


def outcome(event_id, **fields):
    event = {"event_id": event_id, "request_id": "r-1", "unit_id": "u-1", "event_time": T0 + 60_000}
    event.update(fields)
    return event


def write_case(root, name, table, events, **options):
    write_table(root / f"{name}.parquet", table, **options)
    write_jsonl(root / f"{name}.jsonl", events)


def write_cases(root):
    # pyarrow's dicts: one struct field per key seen in the file; a missing key is a null field (absent), not null
    attribute_rows = [prediction("s-1", attributes={"country": "US", "device": "ios"}),
                      prediction("s-2", attributes={"country": "DE"}),
                      prediction("s-3", attributes=None),
                      prediction("s-4", attributes={}),
                      prediction("s-5", attributes={"device": ""}),
                      prediction("s-6", attributes={"country": "BR", "tier": 3}),
                      prediction("s-7", attributes={"country": "BR", "beta": True}),
                      prediction("s-8", attributes={"country": "BR", "weight": 0.5})]
    write_case(root, "attributes_struct", pa.Table.from_pylist(attribute_rows), attribute_rows)

    value_rows = [outcome("v-1", values={"converted": 1, "revenue": 19.99}),
                  outcome("v-2", values={"converted": 0}),
                  outcome("v-3", values=None),
                  outcome("v-4", values={}),
                  outcome("v-5", values={"converted": 1, "clicked": True}),
                  outcome("v-6", values={"converted": 1, "coupon": "XMAS"}),
                  outcome("v-7", values={"revenue": -2.5, "items": 3})]
    write_case(root, "values_struct", pa.Table.from_pylist(value_rows), value_rows)

    # maps of other value types than the contract's: the entries are judged as the same JSON entries
    typed_rows = [outcome("m-1", values={"converted": 1, "items": 3}), outcome("m-2", values={"converted": 0})]
    write_case(root, "values_map_int64",
               pa.Table.from_pylist(as_map(typed_rows, "values"),
                                    schema=contract_schema("outcome", values=pa.map_(pa.string(), pa.int64()))),
               typed_rows)
    text_rows = [outcome("m-3", values={"converted": "1"}), outcome("m-4", values=None)]
    write_case(root, "values_map_string",
               pa.Table.from_pylist(as_map(text_rows, "values"),
                                    schema=contract_schema("outcome", values=pa.map_(pa.string(), pa.string()))),
               text_rows)
    float_rows = [outcome("m-5", values={"converted": 1.0, "revenue": 0.5})]
    write_case(root, "values_map_float32",
               pa.Table.from_pylist(as_map(float_rows, "values"),
                                    schema=contract_schema("outcome", values=pa.map_(pa.string(), pa.float32()))),
               float_rows)
    int_attribute_rows = [prediction("m-6", attributes={"tier": 3})]
    write_case(root, "attributes_map_int32",
               pa.Table.from_pylist(as_map(int_attribute_rows, "attributes"),
                                    schema=contract_schema("prediction",
                                                           attributes=pa.map_(pa.string(), pa.int32()))),
               int_attribute_rows)

    # JSON text in a string column; "" and null mean no map, as an empty or null map does
    json_rows = [prediction("j-1", attributes='{"country":"US","device":"ios"}'),
                 prediction("j-2", attributes=""),
                 prediction("j-3", attributes=None),
                 prediction("j-4", attributes="{}"),
                 prediction("j-5", attributes="null"),
                 prediction("j-6", attributes='{"tier":3}'),
                 prediction("j-7", attributes='["US"]'),
                 prediction("j-8", attributes='{"country":null}')]
    as_json = [dict(e, attributes=json.loads(e["attributes"]) if e["attributes"] else None) for e in json_rows]
    write_case(root, "attributes_json_string", pa.Table.from_pylist(json_rows), as_json)
    malformed = [prediction("j-9", attributes="{country: US}"),
                 prediction("j-10", attributes='{"country":"US","country":"DE"}'),
                 prediction("j-11", attributes="{country: US}", unit_id=None)]
    write_table(root / "attributes_json_string_malformed.parquet", pa.Table.from_pylist(malformed))

    # number columns of integers (JSON accepts 12 where a number is expected), float32, unsigned integers
    number_rows = [prediction("n-1", latency_ms=12, score=1), prediction("n-2", latency_ms=0, score=None)]
    write_case(root, "numbers_as_int64", pa.Table.from_pylist(number_rows), number_rows)
    float32_rows = [prediction("n-3", latency_ms=0.25, score=0.5)]
    write_case(root, "numbers_as_float32",
               pa.Table.from_pylist(float32_rows).cast(pa.schema([
                   (f.name, pa.float32() if f.name in ("latency_ms", "score") else f.type)
                   for f in pa.Table.from_pylist(float32_rows).schema])),
               float32_rows)
    # columns that are None on every row of a file: pyarrow infers Arrow's null type (int32 with a NULL logical type)
    null_rows = [prediction("z-1", model_version=None, score=None, predicted_label=None, served=None, attributes=None),
                 prediction("z-2", model_version=None, score=None, predicted_label=None, served=None, attributes=None)]
    write_case(root, "null_typed_columns", pa.Table.from_pylist(null_rows), null_rows)

    # decimals (SQL engines, Spark): as fixed-length bytes by default, as int32/int64 with store_decimal_as_integer
    decimal_rows = [prediction("d-1", latency_ms=decimal.Decimal("12.500"), score=decimal.Decimal("0.812500")),
                    prediction("d-2", latency_ms=decimal.Decimal("-0.001"), score=None)]
    decimals = pa.Table.from_pylist(decimal_rows)
    decimals = decimals.cast(pa.schema([(f.name, pa.decimal128(9, 3) if f.name == "latency_ms"
                                         else pa.decimal128(38, 6) if f.name == "score" else f.type)
                                        for f in decimals.schema]))
    as_floats = [dict(e, latency_ms=float(e["latency_ms"]), score=None if e["score"] is None else float(e["score"]))
                 for e in decimal_rows]
    write_case(root, "numbers_as_decimal", decimals, as_floats)
    write_case(root, "numbers_as_decimal_integers", decimals, as_floats, store_decimal_as_integer=True)
    decimal_values = [outcome("d-3", values={"converted": decimal.Decimal("1"), "revenue": decimal.Decimal("19.99")})]
    write_case(root, "values_struct_decimal", pa.Table.from_pylist(decimal_values),
               [dict(e, values={k: float(v) for k, v in e["values"].items()}) for e in decimal_values])

    huge = 2**63 + 7
    unsigned_rows = [prediction("n-4", event_time=T0), prediction("n-5", event_time=huge)]
    inferred = pa.Table.from_pylist(unsigned_rows[:1]).schema
    write_case(root, "event_time_uint64",
               pa.Table.from_pylist(unsigned_rows, schema=pa.schema([
                   (f.name, pa.uint64() if f.name == "event_time" else f.type) for f in inferred])),
               unsigned_rows)

    # event_time as timestamps: epoch milliseconds rounded down, before 1970 too
    times = [T0, T0 + 1, -1, -86_400_001, 0]
    for unit, per_milli in (("ms", 1), ("us", 1000), ("ns", 1_000_000)):
        for tz in (None, "UTC"):
            rows = [prediction(f"t-{i}", event_time=t * per_milli + (per_milli - 1)) for i, t in enumerate(times)]
            table = pa.Table.from_pylist(rows, schema=contract_schema(
                "prediction", attributes=pa.map_(pa.string(), pa.string()),
                event_time=pa.timestamp(unit, tz=tz)))
            expected = [dict(r, event_time=t) for r, t in zip(rows, times)]
            write_case(root, f"event_time_timestamp_{unit}{'_utc' if tz else ''}", table, expected)
    rows = [prediction(f"t-{i}", event_time=t * 1_000_000 + 999_999) for i, t in enumerate(times)]
    write_case(root, "event_time_int96",
               pa.Table.from_pylist(rows, schema=contract_schema("prediction", event_time=pa.timestamp("ns"))),
               [dict(r, event_time=t) for r, t in zip(rows, times)], use_deprecated_int96_timestamps=True)


def write_unreadable(root):
    base = prediction("x-1", attributes={"country": "US"})
    tables = {
        "values_list": pa.Table.from_pylist([outcome("x-1", values=[1.0, 2.0])]),
        "attributes_nested_struct": pa.Table.from_pylist([prediction("x-1", attributes={"geo": {"country": "US"}})]),
        "attributes_map_of_lists": pa.Table.from_pylist(
            [dict(base, attributes=[("country", ["US"])])],
            schema=contract_schema("prediction", attributes=pa.map_(pa.string(), pa.list_(pa.string())))),
        "event_time_string": pa.Table.from_pylist([dict(base, event_time="2025-11-24T16:00:00Z")]),
        "event_time_double": pa.Table.from_pylist([dict(base, event_time=float(T0))]),
        "latency_string": pa.Table.from_pylist([dict(base, latency_ms="12.5")]),
    }
    for name, table in tables.items():
        write_table(root / f"{name}.parquet", table)


def main():
    if ROOT.exists():
        shutil.rmtree(ROOT)
    write_traffic(ROOT / "traffic")
    write_cases(ROOT / "cases")
    write_unreadable(ROOT / "unreadable")
    (ROOT / "README.md").write_text(
        f"Written by jobs/src/test/python/write_parquet_shapes.py with pyarrow {pa.__version__} and pandas "
        f"{pd.__version__}; see its docstring. Do not edit by hand: change the script and run it again.\n")


if __name__ == "__main__":
    main()

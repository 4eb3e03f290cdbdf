"""Reading what an AppTest run put on the page: tables, texts, chart specs and links."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest


def tables(at: AppTest) -> list[pd.DataFrame]:
    """Every table on the page, in page order."""
    return [element.value for element in at.dataframe]


def table_with(at: AppTest, header: str) -> pd.DataFrame:
    """The first table that has a column called ``header``."""
    for frame in tables(at):
        if header in frame.columns:
            return frame
    found = [list(frame.columns) for frame in tables(at)]
    raise AssertionError(f"no table has a column {header!r}; tables: {found}")


def row_where(frame: pd.DataFrame, column: str, value: str) -> dict[str, str]:
    """The one row whose ``column`` is ``value``, as a dict."""
    rows = frame[frame[column] == value]
    assert len(rows) == 1, f"{len(rows)} rows with {column}={value!r} in {frame[column].tolist()}"
    return rows.iloc[0].to_dict()


def metrics(at: AppTest) -> dict[str, str]:
    """Metric label -> shown value."""
    return {metric.label: metric.value for metric in at.metric}


def texts(at: AppTest) -> str:
    """Titles, headers, markdown, captions and messages of the page, one per line."""
    parts = [e.value for e in (*at.title, *at.subheader, *at.markdown, *at.caption)]
    parts += [e.value for e in (*at.warning, *at.info, *at.success)]
    return "\n".join(str(p) for p in parts)


def chart_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of the page's charts."""
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def chart_data(at: AppTest) -> list[pd.DataFrame]:
    """The data of each chart (Streamlit ships it beside the spec, Arrow-encoded)."""
    return [
        pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
        for chart in at.get("vega_lite_chart")
    ]


def links(at: AppTest) -> list[tuple[str, str, dict[str, str]]]:
    """(target page, label, query parameters) of every page link."""
    return [
        (link.proto.page, link.proto.label, dict(parse_qsl(link.proto.query_string)))
        for link in at.get("page_link")
    ]

"""The references of bench/run-segment-bench: what an analyst runs instead of Moshtari, on the same orders.

    /usr/bin/python3 bench/segment_reference.py prepare --orders orders.csv --out orders.npz
    /usr/bin/python3 bench/segment_reference.py rfm-csv --orders orders.csv --as-of 2026-01-01 --currency EUR
    /usr/bin/python3 bench/segment_reference.py rfm-memory --arrays orders.npz --as-of 2026-01-01 --currency EUR
    /usr/bin/python3 bench/segment_reference.py kmeans|mixture --arrays orders.npz --as-of ... --currency ... [...]

Each mode prints one JSON object: `seconds` is the timed region alone (rfm-csv: from reading the file to the scores;
rfm-memory: the group-by and scoring of a frame already in memory; kmeans and mixture: fit and predict on a feature
matrix already built), with what the run produced so that the driver can compare it with Moshtari's result, and the
thread pools (OpenMP, BLAS) numpy and scikit-learn used. The counting follows Moshtari's customer facts: only orders
in the workspace currency and placed by as_of count; recency is days from a customer's last order to as_of.
It needs Debian's python3-pandas and python3-sklearn, so it runs with /usr/bin/python3.
"""

import argparse
import json
import sys
import time

import numpy as np
import pandas as pd

SECONDS_PER_DAY = 86400.0
CURRENCIES = ("EUR", "USD", "GBP")  # what bench/generator writes; codes in the arrays are indexes into this
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def as_of_seconds(text):
    return int(pd.Timestamp(text, tz="UTC").timestamp())


def quintile_scores(values, higher_is_better):
    """1..5 as segment-rfm scores: 1 + floor(5 below / n), `below` counting the values strictly worse, so equal
    values share a score; rank(method='min') is 1 + below."""
    ranks = values.rank(method="min", ascending=higher_is_better)
    return (1 + (5 * (ranks - 1)) // len(values)).astype(np.int64)


def rfm_scores(orders, as_of, currency):
    """The RFM table from orders with columns customer, at (datetime64), total_minor and currency: per customer
    recency in days, frequency, monetary (spend in minor units), their scores and the cell R*100 + F*10 + M."""
    counted = orders[(orders["currency"] == currency) & (orders["at"] <= as_of)]
    table = counted.groupby("customer", sort=False).agg(last=("at", "max"), frequency=("at", "size"),
                                                       monetary=("total_minor", "sum"))
    table["recency"] = (as_of - table["last"]).dt.total_seconds() / SECONDS_PER_DAY
    table["r"] = quintile_scores(table["recency"], higher_is_better=False)
    table["f"] = quintile_scores(table["frequency"], higher_is_better=True)
    table["m"] = quintile_scores(table["monetary"], higher_is_better=True)
    table["cell"] = table["r"] * 100 + table["f"] * 10 + table["m"]
    return table


def rfm_summary(table):
    cells = table["cell"].value_counts().sort_index()
    return {"customers": int(len(table)), "cells": {str(k): int(v) for k, v in cells.items()}}


def read_orders_csv(path):
    """The orders file as an analyst reads it: ids as text, times parsed, amounts in minor units."""
    orders = pd.read_csv(path, usecols=["customer_external_id", "at", "total", "currency"],
                         dtype={"customer_external_id": str, "at": str, "total": float, "currency": "category"})
    orders = orders.rename(columns={"customer_external_id": "customer"})
    orders["at"] = pd.to_datetime(orders["at"], format=TIME_FORMAT)
    orders["total_minor"] = (orders["total"] * 100).round().astype(np.int64)
    return orders


def prepare(args):
    """Parses the orders file once into arrays (customer number, time in seconds, minor units, currency code), which
    the in-memory modes load outside their timed region instead of each parsing the CSV again."""
    orders = read_orders_csv(args.orders)
    customer = orders["customer"].str.slice(2).astype(np.int64).to_numpy()  # "c-123" -> 123
    at = orders["at"].to_numpy().astype("datetime64[s]").astype(np.int64)
    currency = pd.Categorical(orders["currency"], categories=CURRENCIES).codes.astype(np.int8)
    if (currency < 0).any():
        raise SystemExit(f"{args.orders}: a currency other than {', '.join(CURRENCIES)}")
    np.savez(args.out, customer=customer, at=at, total_minor=orders["total_minor"].to_numpy(), currency=currency)
    return {"orders": int(len(orders))}


def orders_frame(path):
    """The orders in memory as a store holds them: integer customer keys, datetime64 times, minor units."""
    arrays = np.load(path)
    return pd.DataFrame({"customer": arrays["customer"],
                         "at": arrays["at"].astype("datetime64[s]").astype("datetime64[ns]"),
                         "total_minor": arrays["total_minor"],
                         "currency": pd.Categorical.from_codes(arrays["currency"], categories=CURRENCIES)})


def rfm_csv(args):
    start = time.perf_counter()
    table = rfm_scores(read_orders_csv(args.orders), pd.Timestamp(args.as_of), args.currency)
    return dict(seconds=time.perf_counter() - start, **rfm_summary(table))


def rfm_memory(args):
    orders = orders_frame(args.arrays)
    start = time.perf_counter()
    table = rfm_scores(orders, pd.Timestamp(args.as_of), args.currency)
    return dict(seconds=time.perf_counter() - start, **rfm_summary(table))


def feature_matrix(args):
    """One row per customer with an order that counts, columns args.features, each transformed as args.transform
    says and then standardised (mean 0, standard deviation 1) when args.standardise."""
    arrays = np.load(args.arrays)
    as_of = as_of_seconds(args.as_of)
    keep = (arrays["currency"] == CURRENCIES.index(args.currency)) & (arrays["at"] <= as_of)
    frame = pd.DataFrame({"customer": arrays["customer"][keep], "at": arrays["at"][keep],
                          "total_minor": arrays["total_minor"][keep]})
    table = frame.groupby("customer").agg(last=("at", "max"), frequency=("at", "size"),
                                          monetary=("total_minor", "sum"))
    columns = {"recency": (as_of - table["last"].to_numpy()) / SECONDS_PER_DAY,
               "frequency": table["frequency"].to_numpy().astype(float),
               "monetary": table["monetary"].to_numpy().astype(float),
               "average": table["monetary"].to_numpy() / table["frequency"].to_numpy()}
    matrix = np.column_stack([columns[name] for name in args.features])
    if args.transform == "log1p":
        matrix = np.log1p(matrix)
    if args.standardise:
        matrix = (matrix - matrix.mean(axis=0)) / matrix.std(axis=0)
    return np.ascontiguousarray(matrix)


def sizes(labels, k):
    return sorted((int(n) for n in np.bincount(labels, minlength=k)), reverse=True)


def kmeans(args):
    from sklearn.cluster import KMeans
    matrix = feature_matrix(args)
    model = KMeans(n_clusters=args.k, init="k-means++", n_init=args.n_init, max_iter=args.max_iter,
                   tol=args.tol, algorithm="lloyd", random_state=args.seed)
    start = time.perf_counter()
    labels = model.fit(matrix).predict(matrix)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "customers": int(len(matrix)), "iterations": int(model.n_iter_),
            "inertia": float(model.inertia_), "sizes": sizes(labels, args.k)}


def kmeans_start(matrix, args):
    """EM's start as segment-mixture makes it: the weights, means and per-feature variances of the classes of a
    k-means (k-means++ seeding, at most --start-iterations of Lloyd's), as GaussianMixture's *_init arguments."""
    from sklearn.cluster import KMeans
    labels = KMeans(n_clusters=args.k, init="k-means++", n_init=1, max_iter=args.start_iterations, tol=1e-4,
                    algorithm="lloyd", random_state=args.seed).fit(matrix).labels_
    counts = np.bincount(labels, minlength=args.k).astype(float)
    means = np.stack([matrix[labels == g].mean(axis=0) for g in range(args.k)])
    variances = np.stack([matrix[labels == g].var(axis=0) for g in range(args.k)]) + 1e-6
    return {"weights_init": counts / len(matrix), "means_init": means, "precisions_init": 1 / variances}


def mixture(args):
    from sklearn.mixture import GaussianMixture
    matrix = feature_matrix(args)
    start = time.perf_counter()
    if args.start_iterations is not None:
        if args.covariance != "diag":
            raise SystemExit("--start-iterations goes with --covariance diag")
        model = GaussianMixture(n_components=args.k, covariance_type="diag", max_iter=args.max_iter, tol=args.tol,
                                random_state=args.seed, **kmeans_start(matrix, args))
    else:
        model = GaussianMixture(n_components=args.k, covariance_type=args.covariance, n_init=args.n_init,
                                max_iter=args.max_iter, tol=args.tol, init_params=args.init, random_state=args.seed)
    labels = model.fit(matrix).predict_proba(matrix).argmax(axis=1)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "customers": int(len(matrix)), "iterations": int(model.n_iter_),
            "converged": bool(model.converged_), "log_likelihood": float(model.lower_bound_),
            "sizes": sizes(labels, args.k)}


def thread_pools():
    from threadpoolctl import threadpool_info
    return [{"api": pool["user_api"], "library": pool.get("internal_api"), "threads": pool["num_threads"]}
            for pool in threadpool_info()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("prepare", "rfm-csv", "rfm-memory", "kmeans", "mixture"))
    parser.add_argument("--orders", help="the orders CSV (prepare, rfm-csv)")
    parser.add_argument("--arrays", help="what prepare wrote (rfm-memory, kmeans, mixture)")
    parser.add_argument("--out", help="where prepare writes the arrays (.npz)")
    parser.add_argument("--as-of", default="2026-01-01")
    parser.add_argument("--currency", default="EUR", choices=CURRENCIES, help="the workspace currency")
    parser.add_argument("--features", type=lambda text: text.split(","), default=["recency", "frequency", "monetary"],
                        help="comma-separated: recency, frequency, monetary, average")
    parser.add_argument("--transform", choices=("none", "log1p"), default="log1p")
    parser.add_argument("--standardise", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--n-init", type=int, default=1)
    parser.add_argument("--max-iter", type=int, default=50)
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("--covariance", choices=("full", "diag", "spherical", "tied"), default="diag")
    parser.add_argument("--init", choices=("kmeans", "k-means++", "random", "random_from_data"), default="kmeans",
                        help="GaussianMixture's init_params, unless --start-iterations is given")
    parser.add_argument("--start-iterations", type=int, default=None,
                        help="start the mixture from a k-means of at most this many iterations (diag only)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    needs = {"prepare": ("orders", "out"), "rfm-csv": ("orders",)}.get(args.mode, ("arrays",))
    for name in needs:
        if getattr(args, name) is None:
            parser.error(f"{args.mode} needs --{name}")
    run = {"prepare": prepare, "rfm-csv": rfm_csv, "rfm-memory": rfm_memory, "kmeans": kmeans,
           "mixture": mixture}[args.mode]
    result = run(args)
    result["thread_pools"] = thread_pools()
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()

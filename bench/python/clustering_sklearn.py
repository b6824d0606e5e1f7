#!/usr/bin/env python3
"""scikit-learn side of `trainer experiment am-clustering`: the same mixtures, clustered by sklearn.

Usage: /usr/bin/python3 bench/python/clustering_sklearn.py DATASETS.json   (prints one JSON object on stdout)

DATASETS.json is written by the experiment (Trainer side):
  {"bgmm_max_components": 20, "alpha": 1.0,
   "datasets": [{"name": str, "k": int, "dim": int, "seed": int, "points": [N*d floats, row-major], "labels": [N ints]}]}

For each data set it runs
  KMeans                  n_clusters = K (told), n_init = 10
  GaussianMixture         n_components = K (told), covariance_type = "spherical" (one variance per component)
  BayesianGaussianMixture n_components = bgmm_max_components (NOT told K), Dirichlet-process weight prior with
                          concentration alpha, covariance_type = "spherical"
and reports, against the true labels, sklearn's adjusted_rand_score and normalized_mutual_info_score, the number of
components that own at least one point ("memories"), the mean log-likelihood per point (score(X); n/a for KMeans)
and the fit time. Output:
  {"sklearn": version, "results": [{"dataset", "method", "ari", "nmi", "memories", "log_likelihood", "seconds"}]}
"""
import json
import sys
import time
import warnings

import numpy as np


def run(method, make, x, truth):
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
    start = time.perf_counter()
    model = make()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                     # convergence warnings are reported by the numbers
        model.fit(x)
    seconds = time.perf_counter() - start
    pred = model.predict(x)
    ll = float(model.score(x)) if hasattr(model, "score_samples") else None
    return {
        "method": method,
        "ari": float(adjusted_rand_score(truth, pred)),
        "nmi": float(normalized_mutual_info_score(truth, pred)),
        "memories": int(len(np.unique(pred))),
        "log_likelihood": ll,
        "seconds": seconds,
    }


def main():
    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.mixture import BayesianGaussianMixture, GaussianMixture

    with open(sys.argv[1], encoding="utf-8") as f:
        req = json.load(f)
    kmax = int(req.get("bgmm_max_components", 20))
    alpha = float(req.get("alpha", 1.0))
    results = []
    for ds in req["datasets"]:
        x = np.asarray(ds["points"], dtype=np.float64).reshape(-1, int(ds["dim"]))
        truth = np.asarray(ds["labels"])
        k, seed = int(ds["k"]), int(ds["seed"])
        makers = [
            ("KMeans", lambda: KMeans(n_clusters=k, n_init=10, random_state=seed)),
            ("GaussianMixture", lambda: GaussianMixture(n_components=k, covariance_type="spherical", random_state=seed)),
            ("BayesianGaussianMixture", lambda: BayesianGaussianMixture(
                n_components=min(kmax, len(x)), covariance_type="spherical",
                weight_concentration_prior_type="dirichlet_process", weight_concentration_prior=alpha,
                max_iter=500, random_state=seed)),
        ]
        for method, make in makers:
            r = run(method, make, x, truth)
            r["dataset"] = ds["name"]
            results.append(r)
    print(json.dumps({"sklearn": sklearn.__version__, "results": results}))


if __name__ == "__main__":
    main()
